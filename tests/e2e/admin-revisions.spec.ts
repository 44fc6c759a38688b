// Quiz drafts and the revision diff in Debian's Chromium against the production build (issue 16 part 5): an admin
// saves a quiz as a draft and publishes it, edits it into a second draft that visitors do not see, compares it with the
// published revision line by line, publishes it, restores the first one as a new draft and discards that. The header shows the admin their Admin
// link and a learner none. A screenshot of the diff is kept in test-results/admin-revisions/.
import { expect, test, type Page } from "@playwright/test";
import { addLesson, createCourse } from "./admin-courses";
import { signedIn } from "./demo-accounts";

const shots = "test-results/admin-revisions";

/** One line of quiz.yaml in flow style, so the editor's auto-indent has nothing to change. */
const quizWith = (prompt: string) =>
  `questions: [{ id: default-command, kind: single, prompt: "${prompt}", options: [{ id: cmd, text: CMD }, { id: run, text: RUN }], answer: cmd, explanation: "RUN happens at build time." }]`;

async function replaceQuiz(page: Page, yaml: string): Promise<void> {
  const editor = page.getByTestId("quiz-yaml-editor").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(yaml);
  await expect(page.getByRole("alert", { name: "Quiz problems" })).toHaveCount(0);
}

test("an admin drafts, publishes, compares and restores quiz revisions; visitors see only the published one", async ({ browser }) => {
  test.setTimeout(180_000);
  const slug = `e2e-quiz-${Date.now()}`;
  const admin = await signedIn(browser, "admin");
  await admin.getByRole("link", { name: "Admin", exact: true }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  const course = await createCourse(admin, { slug, title: "Quiz revisions", summary: "A course for the quiz revision test." });
  await addLesson(course, { slug: "commands", title: "Commands" });
  await expect(course.getByRole("link", { name: "Commands" })).toBeVisible();
  // The lesson published, so a visitor can open its quiz.
  await course.getByRole("link", { name: "Commands" }).click();
  await expect(admin.getByTestId("lesson-preview")).toBeVisible();
  await admin.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(admin.getByText("· published", { exact: false }).first()).toBeVisible();

  await admin.goto(`/admin/courses/${slug}/lessons/commands/quiz`);
  await expect(admin.getByText("No saved revisions yet.")).toBeVisible();
  await replaceQuiz(admin, quizWith("Which instruction sets the default command?"));
  await admin.getByRole("button", { name: "Save draft" }).click();
  await expect(admin.getByTestId("revision-1")).toContainText("1 question");
  await admin.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(admin.getByTestId("revision-1")).toContainText("published");

  await replaceQuiz(admin, quizWith("Which instruction names the default command?"));
  await admin.getByRole("button", { name: "Save draft" }).click();
  await expect(admin.getByTestId("revision-2")).toBeVisible();
  await admin.getByTestId("revision-2").getByRole("button", { name: "Show changes" }).click();
  const diff = admin.getByTestId("revision-diff");
  await expect(diff).toContainText("Revision #2 against the published #1: 1 lines added, 1 removed");
  await expect(diff.locator('[data-kind="removed"]')).toContainText("sets the default command");
  await expect(diff.locator('[data-kind="added"]')).toContainText("names the default command");
  await admin.screenshot({ path: `${shots}/quiz-revision-diff.png`, fullPage: true });

  // Visitors still take the published question, not the draft.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/learn/${slug}/commands/quiz`);
  await expect(visitor.getByText("Which instruction sets the default command?")).toBeVisible();
  await expect(visitor.getByText("names the default command")).toHaveCount(0);

  // Published, the edit reaches visitors; restoring revision 1 makes a third revision with its text, which the
  // diff shows against the published #2; discarding it leaves the published quiz as it was.
  await admin.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(admin.getByTestId("revision-2")).toContainText("published");
  await visitor.goto(`/learn/${slug}/commands/quiz`);
  await expect(visitor.getByText("Which instruction names the default command?")).toBeVisible();
  await admin.getByTestId("revision-1").getByRole("button", { name: "Restore" }).click();
  await expect(admin.getByTestId("revision-3")).toBeVisible();
  await admin.getByTestId("revision-3").getByRole("button", { name: "Show changes" }).click();
  await expect(admin.getByTestId("revision-diff").locator('[data-kind="added"]')).toContainText("sets the default command");
  await admin.getByRole("button", { name: "Discard draft" }).click();
  await expect(admin.getByTestId("revision-3")).toHaveCount(0);
  await expect(admin.getByTestId("revision-2")).toContainText("published");
});

test("the header offers the Admin link only to those who may use /admin", async ({ browser }) => {
  const learner = await signedIn(browser, "learner");
  await expect(learner.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  await expect(learner.getByRole("link", { name: "Cohorts", exact: true })).toHaveCount(0);
});
