// The reference solution's image, for the size chart: measured on the real grader once per exercise version (in
// the background of a submission) and kept on the exercise row, so views, a restarted web or another instance
// read it back without grading again; reading never starts a measurement; a new version is measured again.
import { afterAll, beforeAll, expect, it } from "vitest";
import { measureReferenceImage, referenceImage } from "@/server/exercises/reference-image";
import type { TestDb } from "@/tests/support/test-db";
import { createTestDb, GraderProcess, graderToken, seedExercise, type Seeded } from "./grading-fixture";

const grader = new GraderProcess(4374, "webreference");
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
  const endpoint = { url: grader.url, token: graderToken };
  const read = () => referenceImage(testDb.prisma, seeded.exerciseId);
  // Reading starts nothing: however often it is asked, no grading reaches the grader.
  expect(await read()).toBeNull();
  expect(await read()).toBeNull();
  await Promise.all([measureReferenceImage(testDb.prisma, endpoint, seeded.exerciseId), measureReferenceImage(testDb.prisma, endpoint, seeded.exerciseId)]);
  const measured = await read();
  expect(measured?.label).toBe("Reference solution");
  expect(measured?.sizeBytes).toBeGreaterThan(0);
  expect(measured?.layers.length).toBeGreaterThan(0);
  const row = await testDb.prisma.exercise.findUniqueOrThrow({ where: { id: seeded.exerciseId } });
  expect(row.referenceImageHash).toBe(row.contentHash);

  // With the grader gone, the stored figure still answers and a further measurement has nothing to do.
  await grader.kill();
  await measureReferenceImage(testDb.prisma, endpoint, seeded.exerciseId);
  expect(await read()).toEqual(measured);

  // A new version of the exercise no longer matches it.
  await testDb.prisma.exercise.update({ where: { id: seeded.exerciseId }, data: { contentHash: "next-version" } });
  expect(await read()).toBeNull();
}, 180_000);
