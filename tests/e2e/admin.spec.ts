// The admin area in Debian's Chromium against the production build (issue 16, the parts built so far): an admin
// creates a course and a lesson, edits it with the live preview, publishes it, and a visitor reads it; a role
// change from the users page; a learner is kept out. Screenshots of the editor with its preview are kept in
// test-results/admin/. Not covered yet: quiz and exercise editors and the proving run (not built).
import { expect, test } from "@playwright/test";
import { addLesson, createCourse } from "./admin-courses";
import { signedIn } from "./demo-accounts";

const shots = "test-results/admin";

test("an admin authors and publishes a lesson that a visitor then reads", async ({ browser }) => {
  test.setTimeout(180_000);
  const slug = `e2e-course-${Date.now()}`;
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin");
  // The built-in course is listed read-only, with where to edit it.
  await expect(admin.getByTestId("course-containers")).toContainText("content/containers/");

  const course = await createCourse(admin, { slug, title: "Authored in the browser", summary: "A course made by the admin e2e test." });
  await expect(course).toContainText("Authored here.");

  await addLesson(course, { slug: "first-steps", title: "First steps" });
  await course.getByRole("link", { name: "First steps" }).click();

  // The preview arrives once the editor runs in the page: typing before that would be lost to hydration.
  await expect(admin.getByTestId("lesson-preview")).toBeVisible();
  // Validation as you type: an empty summary is named before anything is saved.
  const summary = admin.getByLabel("Summary");
  await summary.fill("");
  await expect(admin.getByRole("alert", { name: "Front matter problems" })).toContainText("summary");
  await expect(admin.getByRole("button", { name: "Save draft" })).toBeDisabled();
  await summary.fill("Build and run a first image.");
  await expect(admin.getByRole("alert", { name: "Front matter problems" })).toHaveCount(0);

  // The body in the learners' code editor; the preview comes from the lesson pipeline.
  const editor = admin.getByTestId("lesson-body-editor").locator(".cm-content");
  await editor.click();
  await admin.keyboard.press("ControlOrMeta+a");
  await admin.keyboard.type("## Build it\n\nRun `docker build -t hello .` in the folder.\n\n- [ ] Build the image\n\n<script>alert(1)</script>\n");
  const preview = admin.getByTestId("lesson-preview");
  await expect(preview.getByRole("heading", { name: "Build it" })).toBeVisible();
  await expect(preview.locator("code", { hasText: "docker build -t hello ." })).toBeVisible();
  await expect(preview.locator("script")).toHaveCount(0);
  await admin.screenshot({ path: `${shots}/lesson-editor-with-preview.png`, fullPage: true });

  await admin.getByRole("button", { name: "Save draft" }).click();
  await expect(admin.getByRole("status")).toHaveText("Draft saved");
  await admin.getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByText("· published", { exact: false }).first()).toBeVisible();

  // A visitor reads the published lesson on the ordinary learner page.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/learn/${slug}/first-steps`);
  await expect(visitor.getByRole("heading", { name: "First steps", level: 1 })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: "Build it" })).toBeVisible();
  await expect(visitor.locator("main script", { hasText: "alert(1)" })).toHaveCount(0);
  await visitor.screenshot({ path: `${shots}/published-lesson.png`, fullPage: true });
});

test("users and roles: an admin promotes a learner; a learner cannot open the admin area", async ({ browser }) => {
  const learner = await signedIn(browser, "learner");
  const response = await learner.goto("/admin");
  expect(response?.status()).toBe(404);

  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin/users?q=instructor%40shipshape");
  const select = admin.getByLabel("Role of instructor@shipshape.local");
  await select.selectOption("ADMIN");
  await expect(admin.getByRole("status")).toHaveText("Saved");
  await select.selectOption("INSTRUCTOR");
  await expect(admin.getByRole("status")).toHaveText("Saved");
  await admin.reload();
  await expect(admin.getByRole("region", { name: "Recent changes" }).or(admin.locator("section[aria-labelledby=audit-heading]"))).toContainText("user.role");
});
