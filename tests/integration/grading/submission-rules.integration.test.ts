// The rules a submission passes before it is stored, on a real database: one grading in flight per learner and
// exercise (409), a per-learner rate limit (429 with Retry-After), and ownership when reading one back (404).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { createSubmission, eventsAfter, getSubmissionView } from "@/server/submissions/submission-store";
import type { TestDb } from "@/tests/support/test-db";
import { createTestDb, seedExercise, type Seeded } from "./grading-fixture";

let testDb: TestDb;
let seeded: Seeded;

beforeAll(async () => {
  testDb = await createTestDb();
  seeded = await seedExercise(testDb);
});

afterAll(async () => {
  await testDb?.close();
});

async function rejection(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("submission rules", () => {
  const files = { Dockerfile: "FROM busybox\n" };

  it("allows one grading in flight per learner and exercise, even for two clicks at once", async () => {
    const input = { userId: seeded.userId, exerciseId: seeded.exerciseId, files };
    const limits = { rateLimit: 100, rateWindowMs: 60_000 };
    const results = await Promise.allSettled([createSubmission({ db: testDb.prisma }, input, limits), createSubmission({ db: testDb.prisma }, input, limits)]);
    const stored = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(stored).toHaveLength(1);
    // The answer carries the stored first event, exactly as the event stream replays it.
    const [first] = stored;
    expect(first?.event).toMatchObject({ seq: 1, event: { type: "submitted" } });
    expect(await eventsAfter({ db: testDb.prisma }, first?.id ?? "", 0)).toEqual([first?.event]);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason instanceof AppError && refused.reason.status).toBe(409);
    await testDb.prisma.submission.updateMany({ where: { userId: seeded.userId }, data: { status: "FAILED" } });
  });

  it("refuses a learner over the rate limit with Retry-After and a message", async () => {
    const limits = { rateLimit: 2, rateWindowMs: 600_000 };
    const input = { userId: seeded.userId, exerciseId: seeded.exerciseId, files };
    // The first test left one submission in the window; one more fits.
    const { id } = await createSubmission({ db: testDb.prisma }, input, limits);
    await testDb.prisma.submission.update({ where: { id }, data: { status: "PASSED" } });
    const error = await rejection(createSubmission({ db: testDb.prisma }, input, limits));
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBeGreaterThan(500);
    expect(error.message).toMatch(/Try again in \d+ minutes/);
  });

  it("shows a submission to its learner only; others get 404, anonymous 401", async () => {
    const { id } = (await testDb.prisma.submission.findFirstOrThrow({ where: { userId: seeded.userId }, select: { id: true } }));
    const owner = { id: seeded.userId, email: "learner@test.local", role: "LEARNER" as const };
    expect((await getSubmissionView({ db: testDb.prisma, actor: owner }, id)).files).toEqual(files);
    const other = await testDb.prisma.user.create({ data: { email: "other@test.local" } });
    expect((await rejection(getSubmissionView({ db: testDb.prisma, actor: { id: other.id, email: other.email, role: "LEARNER" } }, id))).status).toBe(404);
    expect((await rejection(getSubmissionView({ db: testDb.prisma, actor: null }, id))).status).toBe(401);
  });
});
