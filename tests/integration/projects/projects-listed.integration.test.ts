// The lesson's practical projects are exercises: synced from content/ like the others, they are listed on the
// lesson, counted in a person's progress and on the instructor's matrix by the same one query.
import { afterAll, beforeAll, expect, it } from "vitest";
import path from "node:path";
import { loadAllContent } from "@/server/content/load";
import { syncContent } from "@/server/content/sync";
import { outlinedLessons, progressLessons, lessonProgress } from "@/server/progress/summary";
import { createTestDb, type TestDb } from "@/tests/support/test-db";

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb();
  await syncContent({ db: db.prisma }, await loadAllContent(path.resolve("content")));
});

afterAll(async () => {
  await db?.close();
});

it(`lists tests-in-builder, tag-and-push and compose-sidecar on the lesson and counts them in its progress (${process.env.DATABASE_URL ? "postgres" : "pglite"})`, async () => {
  const lessons = await progressLessons({ db: db.prisma });
  const lesson = lessons.find((l) => l.slug === "dockerize-a-service");
  const slugs = lesson?.exercises.map((e) => e.slug) ?? [];
  expect(slugs).toEqual(expect.arrayContaining(["tests-in-builder", "tag-and-push", "compose-sidecar"]));
  const outlined = (await outlinedLessons(lessons)).find((o) => o.lesson.slug === "dockerize-a-service");
  if (!outlined) throw new Error("the lesson has no revision");
  const project = lesson?.exercises.find((e) => e.slug === "tag-and-push");
  const none = lessonProgress(outlined, { marks: [], quiz: { best: null, attempts: 0 }, passedExerciseIds: new Set() });
  const one = lessonProgress(outlined, { marks: [], quiz: { best: null, attempts: 0 }, passedExerciseIds: new Set([project?.id ?? ""]) });
  expect(none.exercises).toEqual({ passed: 0, total: slugs.length });
  expect(one.exercises).toEqual({ passed: 1, total: slugs.length });
  expect(one.completion).toBeGreaterThan(none.completion);
});
