// The reference solution's image, for the size chart: measured on the real grader once per exercise version (in
// the background of a submission, as a REFERENCE grading through the web's dispatcher) and kept on the exercise
// row, so views, a restarted web or another instance read it back without grading again; reading never starts a
// measurement; a new version is measured again.
import { afterAll, beforeAll, expect, it } from "vitest";
import { referenceImage } from "@/server/exercises/reference-image";
import { measureReferenceImage } from "@/server/grading/use-cases";
import type { TestDb } from "@/tests/support/test-db";
import { createTestDb, GraderProcess, seedExercise, webDispatcher, type Seeded } from "./grading-fixture";

const grader = new GraderProcess(4376, "webreference");
let testDb: TestDb;
let seeded: Seeded;

beforeAll(async () => {
  testDb = await createTestDb();
  seeded = await seedExercise(testDb);
  await grader.start();
}, 120_000);

afterAll(async () => {
  await grader.kill();
  await testDb?.close();
});

it("is measured once per exercise version and read back from the database", async () => {
  const ctx = { db: testDb.prisma };
  const dispatcher = webDispatcher(testDb.prisma, grader);
  const read = () => referenceImage(ctx, seeded.exerciseId);
  // Reading starts nothing: however often it is asked, no grading reaches the grader.
  expect(await read()).toBeNull();
  expect(await read()).toBeNull();
  await Promise.all([measureReferenceImage(ctx, dispatcher, seeded.exerciseId), measureReferenceImage(ctx, dispatcher, seeded.exerciseId)]);
  const measured = await read();
  // One grading for the version, asked twice at once: a REFERENCE grading that belongs to nobody, ended with its verdict.
  const gradings = await testDb.prisma.submission.findMany({ where: { exerciseId: seeded.exerciseId }, select: { kind: true, userId: true, status: true, exerciseVersion: true } });
  expect(gradings).toEqual([{ kind: "REFERENCE", userId: null, status: "PASSED", exerciseVersion: "x" }]);
  expect(measured?.label).toBe("Reference solution");
  expect(measured?.sizeBytes).toBeGreaterThan(0);
  expect(measured?.layers.length).toBeGreaterThan(0);
  const row = await testDb.prisma.exercise.findUniqueOrThrow({ where: { id: seeded.exerciseId } });
  expect(row.referenceImageHash).toBe(row.contentHash);

  // With the grader gone, the stored figure still answers and a further measurement has nothing to do.
  await grader.kill();
  await measureReferenceImage(ctx, dispatcher, seeded.exerciseId);
  expect(await read()).toEqual(measured);
  expect(await testDb.prisma.submission.count({ where: { exerciseId: seeded.exerciseId } })).toBe(1);
  await dispatcher.stop();

  // A new version of the exercise no longer matches it.
  await testDb.prisma.exercise.update({ where: { id: seeded.exerciseId }, data: { contentHash: "next-version" } });
  expect(await read()).toBeNull();
}, 180_000);
