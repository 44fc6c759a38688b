// The exercise editor and the proving run in Debian's Chromium against the production build and the e2e grader on
// the real engine (issue 16): an admin makes a course, a lesson and an exercise whose files are pasted into the
// editor, sees publishing refused while a mistake case passes the check it names, fixes the case, watches the proving
// run pass and the exercise publish; a stricter draft of the published exercise is previewed as a learner and graded
// with its own spec; a learner then grades the published one. Screenshots of the editor, its learner previews and the
// proving run are kept in test-results/admin-exercise/.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { addLesson, createCourse } from "./admin-courses";
import { signedIn } from "./demo-accounts";

const shots = "test-results/admin-exercise";

const cgi = "#!/bin/sh\nprintf 'Content-Type: application/json\\r\\n\\r\\n'\nprintf '{\"msg\":\"%s\"}\\n' \"${GREETING:-Hello}\"\n";
const solution =
  "FROM busybox\nRUN mkdir -p /www/cgi-bin && echo 'app:x:1000:1000:app:/www:/bin/sh' >> /etc/passwd\nCOPY index.cgi /www/cgi-bin/index.cgi\nUSER app\nEXPOSE 5000\nCMD [\"httpd\", \"-f\", \"-p\", \"5000\", \"-h\", \"/www\"]\n";
const starter = "FROM busybox\nCOPY index.cgi /www/cgi-bin/index.cgi\nCMD httpd -f -p 5000 -h /www\n";

/** Replaces the text of the file open in a file set's editor, as a paste would. */
async function paste(page: Page, set: Locator, text: string): Promise<void> {
  const editor = set.locator(".cm-content");
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

async function addFile(page: Page, set: Locator, name: string, text: string): Promise<void> {
  await set.getByRole("button", { name: "New file" }).click();
  await set.getByLabel("New file name").fill(name);
  await set.getByRole("button", { name: "Add", exact: true }).click();
  await paste(page, set, text);
}

test("an admin authors an exercise, publishing waits for a proving run, and a learner grades it", async ({ browser }) => {
  test.setTimeout(600_000);
  const courseSlug = `e2e-exercises-${Date.now()}`;
  const exerciseSlug = `busy-hello-${Date.now()}`;
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin");
  const course = await createCourse(admin, { slug: courseSlug, title: "Exercises authored in the browser", summary: "A course made by the exercise e2e test." });
  await addLesson(course, { slug: "serve-it", title: "Serve it" });
  // The lesson is published so learners can reach its exercise.
  await course.getByRole("link", { name: "Serve it" }).click();
  await admin.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(admin.getByText("· published", { exact: false }).first()).toBeVisible();

  await admin.goto("/admin");
  const addExercise = course.getByTestId("new-exercise-serve-it").getByRole("form", { name: "Add exercise" });
  await addExercise.getByLabel("slug").fill(exerciseSlug);
  await addExercise.getByLabel("title").fill("Busy hello");
  await addExercise.getByRole("button", { name: "Add exercise" }).click();
  await course.getByRole("link", { name: "Busy hello" }).click();
  await expect(admin.getByTestId("exercise-state")).toHaveText("draft · not yet published");

  // The spec: checked with the grader's own schema as it is typed.
  const spec = admin.getByRole("group", { name: "Exercise spec" });
  await spec.getByLabel("Port").fill("x");
  await expect(admin.getByTestId("draft-problems")).toContainText("spec.app.port");
  await spec.getByLabel("Port").fill("5000");
  await spec.getByLabel("Expected JSON").fill('{"msg": "$GREETING"}');
  await spec.getByRole("checkbox", { name: /^Greeting:/ }).check();
  for (const id of ["starts", "responds", "env-greeting", "user-non-root"]) await spec.getByLabel(`Use ${id}`).check();
  await expect(spec.getByLabel("user-non-root required")).toBeChecked();
  await expect(admin.getByTestId("draft-problems")).toHaveCount(0);

  // The files, pasted into the learners' editor.
  const files = (name: string) => admin.getByTestId(`files-${name}`);
  await paste(admin, files("starter"), starter);
  await addFile(admin, files("starter"), "index.cgi", cgi);
  await admin.getByRole("tab", { name: "Reference solution" }).click();
  await paste(admin, files("solution"), solution);
  await addFile(admin, files("solution"), "index.cgi", cgi);
  // A mistake case starts as a copy of the solution: still with its USER line, so it passes the check it names.
  await admin.getByLabel("Mistake case name").fill("no-user");
  await admin.getByRole("button", { name: "Add mistake case" }).click();
  await admin.getByTestId("outcome-no-user").getByLabel("Must fail on").selectOption("user-non-root");
  await admin.getByTestId("outcome-no-user").getByLabel("Why").fill("no USER line, so the app runs as root");
  await admin.screenshot({ path: `${shots}/exercise-editor.png`, fullPage: true });

  const proving = admin.getByTestId("proving-run");
  await proving.getByRole("button", { name: "Prove and publish" }).click();
  await expect(proving.getByTestId("live-view")).toBeVisible({ timeout: 30_000 });
  await expect(proving.getByTestId("publish-note")).toContainText("mistake case 'no-user' passed user-non-root; it must fail", { timeout: 300_000 });
  await expect(proving.getByTestId("case-reference-1")).toHaveAttribute("data-status", "PASSED");
  await expect(proving.getByTestId("case-starter")).toHaveAttribute("data-status", "FAILED");
  await proving.getByRole("button", { name: "mistake case 'no-user'" }).click();
  await expect(proving.getByTestId("verdict")).toBeVisible();
  await admin.screenshot({ path: `${shots}/proving-run-refused.png`, fullPage: true });
  await expect(admin.getByTestId("exercise-state")).toHaveText("draft · not yet published");

  // "Preview as a learner": the saved draft through the learners' page components, graded on the real grader;
  // learners cannot open the exercise.
  const [preview] = await Promise.all([admin.waitForEvent("popup"), admin.getByRole("link", { name: "Preview as a learner" }).click()]);
  await expect(preview.getByRole("heading", { name: "Busy hello" })).toBeVisible();
  await preview.getByRole("button", { name: "Grade", exact: true }).click();
  await expect(preview.getByTestId("verdict")).toHaveAttribute("data-status", "fail", { timeout: 180_000 });
  await preview.screenshot({ path: `${shots}/exercise-preview-as-learner.png`, fullPage: true });
  await preview.close();
  const learner = await signedIn(browser, "learner");
  expect((await learner.goto(`/learn/${courseSlug}/serve-it/exercises/${exerciseSlug}`))?.status()).toBe(404);

  // The fix: the mistake case drops its USER line.
  await admin.getByRole("tab", { name: "Mistake: no-user" }).click();
  await paste(admin, files("mistake-no-user"), solution.replace("USER app\n", ""));
  await proving.getByRole("button", { name: "Prove and publish" }).click();
  await expect(proving.getByTestId("proving-outcome")).toHaveAttribute("data-outcome", "passed", { timeout: 300_000 });
  await expect(proving.getByTestId("publish-note")).toContainText("Published revision", { timeout: 30_000 });
  await admin.screenshot({ path: `${shots}/proving-run-passed.png`, fullPage: true });
  await expect(admin.getByTestId("exercise-state")).toHaveText("published");

  // After publishing, a stricter draft (a HEALTHCHECK now required) is previewed as a learner and graded with its own
  // spec: the reference, which has no HEALTHCHECK, fails there. Learners keep the published revision: the learner's
  // grading of the same files below passes.
  await spec.getByLabel("Use healthcheck-declared").check();
  await expect(spec.getByLabel("healthcheck-declared required")).toBeChecked();
  await admin.getByRole("button", { name: "Save draft" }).click();
  await expect(admin.getByTestId("exercise-state")).toHaveText("published · unpublished changes");
  const [draftPreview] = await Promise.all([admin.waitForEvent("popup"), admin.getByRole("link", { name: "Preview as a learner" }).click()]);
  await expect(draftPreview.getByTestId("preview-banner")).toContainText("a draft learners do not get yet");
  await draftPreview.getByRole("button", { name: "Dockerfile" }).first().click();
  await paste(draftPreview, draftPreview.locator("body"), solution);
  await draftPreview.getByRole("button", { name: "Grade", exact: true }).click();
  await expect(draftPreview.getByTestId("verdict")).toHaveAttribute("data-status", "fail", { timeout: 180_000 });
  await expect(draftPreview.locator('[data-check="healthcheck-declared"]').first()).toHaveAttribute("data-status", "fail");
  await draftPreview.screenshot({ path: `${shots}/draft-preview-after-publish.png`, fullPage: true });
  await draftPreview.close();

  // A learner grades the new exercise.
  await learner.goto(`/learn/${courseSlug}/serve-it/exercises/${exerciseSlug}`);
  await expect(learner.getByRole("heading", { name: "Busy hello" })).toBeVisible();
  await learner.getByRole("button", { name: "Dockerfile" }).first().click();
  await paste(learner, learner.locator("body"), solution);
  await learner.getByRole("button", { name: "Grade", exact: true }).click();
  await expect(learner.getByTestId("verdict")).toHaveAttribute("data-status", "pass", { timeout: 180_000 });
  await learner.screenshot({ path: `${shots}/learner-graded.png`, fullPage: true });
});

test("a built-in exercise is shown read-only with its folder", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin/exercises/first-service");
  await expect(admin.getByText("Built-in exercise: read-only here.")).toContainText("content/containers/dockerize-a-service/exercises/first-service/");
  await expect(admin.getByRole("button", { name: "Prove and publish" })).toHaveCount(0);
});
