// The admin page's forms as the specs fill them: a new course, and a lesson in it.
import type { Locator, Page } from "@playwright/test";

/** Sends the Create course form of /admin; returns the new course's card. */
export async function createCourse(admin: Page, course: { slug: string; title: string; summary: string }): Promise<Locator> {
  const form = admin.getByRole("form", { name: "Create course" });
  await form.getByLabel("slug").fill(course.slug);
  await form.getByLabel("title").fill(course.title);
  await form.getByLabel("summary").fill(course.summary);
  await form.getByRole("button", { name: "Create course" }).click();
  return admin.getByTestId(`course-${course.slug}`);
}

/** Sends a course card's Add lesson form. */
export async function addLesson(course: Locator, lesson: { slug: string; title: string }): Promise<void> {
  const form = course.getByRole("form", { name: "Add lesson" });
  await form.getByLabel("slug").fill(lesson.slug);
  await form.getByLabel("title").fill(lesson.title);
  await form.getByRole("button", { name: "Add lesson" }).click();
}
