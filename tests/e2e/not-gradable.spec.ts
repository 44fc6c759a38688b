// "Not gradable" as the learner sees it, in Debian's chromium against the production build and the real grader: a
// Dockerfile on a lesson image the engine lacks (offered by the e2e grader, never present) ends "not counted" with
// the reason, the attempt gets no number, and the live view offers to grade again, which starts a new grading. The
// attempt list shows how an attempt ended from its live verdict, even when the list cannot be fetched again.
import { expect, test } from "@playwright/test";
import { e2eDemoPassword, e2eMissingImage } from "../../playwright.config";
import { openEditor } from "./exercise-editor";

const exerciseUrl = "/learn/containers/dockerize-a-service/exercises/optimize-and-harden";

test("a grading our side cannot do says 'not counted', numbers nothing and offers to grade again", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`/signin?next=${encodeURIComponent(exerciseUrl)}`);
  await page.getByLabel("Email").fill("learner@shipshape.local");
  await page.getByLabel("Password").fill(e2eDemoPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${exerciseUrl}$`), { timeout: 60_000 });
  await openEditor(page);
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-path", "Dockerfile");

  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(`FROM ${e2eMissingImage}\nCMD ["true"]\n`);
  await expect(editor).toContainText(e2eMissingImage);

  await page.getByRole("button", { name: "Grade", exact: true }).click();
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-status", "error", { timeout: 120_000 });
  await expect(verdict).toContainText("Not gradable — not counted");
  await expect(verdict).toContainText(`${e2eMissingImage}`);
  await expect(verdict).toContainText("missing on the grading engine");
  await expect(verdict).not.toContainText("score");

  const attempts = page.getByRole("list", { name: "Attempts" }).getByRole("listitem");
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first()).toHaveAttribute("data-status", "NOT_GRADABLE");
  await expect(attempts.first()).toContainText("not counted");
  await expect(attempts.first()).not.toContainText("#");

  // This time the list cannot be fetched again after the verdict (the learner's connection drops: routed to fail,
  // since the network between browser and server is outside our control). The list still says how it ended.
  let refreshesRefused = 0;
  await page.route("**/api/exercises/*/submissions", async (route) => {
    if (route.request().method() !== "GET") return route.continue();
    refreshesRefused++;
    await route.abort("connectionfailed");
  });
  await verdict.getByRole("button", { name: "Grade again" }).click();
  await expect(attempts).toHaveCount(2);
  await expect(verdict).toHaveAttribute("data-status", "error", { timeout: 120_000 });
  await expect.poll(() => refreshesRefused).toBeGreaterThan(0);
  await expect(attempts.nth(0)).toHaveAttribute("data-status", "NOT_GRADABLE");
  await expect(attempts.nth(1)).toHaveAttribute("data-status", "NOT_GRADABLE");
  await expect(page.getByRole("button", { name: "Show the reference solution" })).toHaveCount(0);
});
