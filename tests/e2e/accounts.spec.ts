// Accounts end to end in a real Chromium against the production build: a visitor takes the quick test and
// ticks a checklist item without an account, signs up, and finds the attempt and progress on /me, merged once.
// Then the account is exported and deleted, and a demo account signs in with its role in the session.
// Answers come from quiz.yaml itself, so the test follows the content as it changes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { quizSchema } from "@/lib/content/quiz-schema";
import { e2eDemoPassword } from "@/playwright.config";

const lessonUrl = "/learn/containers/dockerize-a-service";
const quiz = quizSchema.parse(parse(readFileSync(path.resolve("content/containers/dockerize-a-service/quiz.yaml"), "utf8")));

async function answerEverythingRight(page: Page) {
  for (const question of quiz.questions) {
    const box = page.locator(`li[data-question="${question.id}"]`);
    if (question.kind === "single") await box.locator(`input[value="${question.answer}"]`).check();
    if (question.kind === "multiple") for (const answer of question.answers) await box.locator(`input[value="${answer}"]`).check();
    if (question.kind === "spot-the-line") await box.locator(`input[value="${question.answer}"]`).check();
    if (question.kind === "order") {
      // Bring each step up to its place with the keyboard-operable Up buttons.
      for (const [target, step] of question.steps.entries()) {
        for (;;) {
          const order = await box.locator("li[data-step]").evaluateAll((items) => items.map((i) => i.getAttribute("data-step")));
          const at = order.indexOf(step.id);
          if (at <= target) break;
          await box.locator(`li[data-step="${step.id}"] button`, { hasText: "Up" }).click();
        }
      }
    }
    await box.getByRole("button", { name: "Check answer" }).click();
    await expect(box.getByText("Correct.", { exact: true })).toBeVisible();
  }
}

test("a visitor's quick test and checklist follow them into their new account", async ({ page }) => {
  // Two full quick tests, a sign-up and five signed-in pages: longer than the default on a busy machine.
  test.setTimeout(180_000);
  const total = quiz.questions.length;
  expect(total).toBeGreaterThanOrEqual(12);

  // Anonymous: tick a checklist item on the lesson page (kept in this browser).
  await page.goto(lessonUrl);
  const firstItem = page.locator("li.checklist-item input[type=checkbox]").first();
  await firstItem.check();

  // Anonymous: the quick test, with instant feedback, a score, and a reshuffled retry.
  await page.goto(`${lessonUrl}/quiz`);
  const first = quiz.questions[0];
  if (!first) throw new Error("quiz.yaml has no questions");
  await answerEverythingRight(page);
  await expect(page.getByTestId("quiz-score")).toContainText(`Your score: ${total} of ${total} (100%)`);
  await expect(page.getByTestId("quiz-saved")).toContainText("Kept in this browser");

  await page.getByRole("button", { name: "Retry with shuffled options" }).click();
  await expect(page.getByTestId("quiz-progress")).toContainText(`0 of ${total} answered · your best so far: 100%`);
  // Answer only the first question, wrongly where possible, to see the explanation on a miss.
  if (first.kind === "single") {
    const wrong = first.options.find((o) => o.id !== first.answer);
    const box = page.locator(`li[data-question="${first.id}"]`);
    await box.locator(`input[value="${wrong?.id}"]`).check();
    await box.getByRole("button", { name: "Check answer" }).click();
    await expect(box.getByText("Not quite.")).toBeVisible();
    await expect(box.getByText(first.explanation.slice(0, 40))).toBeVisible();
  }

  // Sign up from the score card's link target.
  const email = `e2e-${Date.now()}@example.test`;
  await page.goto("/signup?next=/me");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await page.getByLabel("Name (optional)").fill("Ada E2E");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === "/me");

  const card = page.locator('li[data-lesson="dockerize-a-service"]');
  await expect(card).toContainText("Best quiz score100%");
  await expect(card).toContainText(/Checklist1 of \d+/);
  await expect(page.getByText(/1 quiz attempts/)).toBeVisible();
  await expect(card.getByRole("img", { name: /Dockerize a service: \d+% complete/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What to do next" })).toBeVisible();

  // Merged once: more page loads do not count anything twice.
  await page.goto(`${lessonUrl}/quiz`);
  await expect(page.getByTestId("quiz-progress")).toContainText("your best so far: 100%");
  await page.goto("/me");
  await expect(page.getByText(/1 quiz attempts/)).toBeVisible();

  // The session says who and what they are.
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user: { email: string; role: string; id: string } };
  expect(session.user).toMatchObject({ email, role: "LEARNER" });

  // A signed-in learner's next attempt is saved to the account.
  await page.goto(`${lessonUrl}/quiz`);
  await answerEverythingRight(page);
  await expect(page.getByTestId("quiz-saved")).toContainText("Saved to your account.");

  // Export: their data, as an attachment.
  const exported = await page.request.get("/api/me/export");
  expect(exported.headers()["content-disposition"]).toContain("attachment");
  const data = (await exported.json()) as { account: { email: string }; quizAttempts: unknown[]; progress: { kind: string }[] };
  expect(data.account.email).toBe(email);
  expect(data.quizAttempts).toHaveLength(2);
  expect(data.progress.filter((p) => p.kind === "CHECKLIST_ITEM")).toHaveLength(1);

  // Delete, confirmed by typing the email.
  await page.goto("/settings");
  const del = page.getByRole("button", { name: "Delete my account and all its data" });
  await expect(del).toBeDisabled();
  await page.getByLabel(`Type ${email} to confirm`).fill(email);
  await del.click();
  await page.waitForURL((url) => url.pathname === "/");
  expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
});

test("demo accounts sign in with their role; a wrong password gets a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("admin@shipshape.local");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await page.getByLabel("Password").fill(e2eDemoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/me");
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user: { role: string } };
  expect(session.user.role).toBe("ADMIN");
  await expect(page.getByRole("link", { name: "Cohorts" })).toBeVisible();
  await page.goto("/instructor");
  await page.getByLabel("Name").fill("Evening group");
  await page.getByRole("button", { name: "Create cohort" }).click();
  await expect(page.getByRole("link", { name: "Evening group" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});
