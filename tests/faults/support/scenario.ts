// What every fault starts from: a fresh database on a PostgreSQL server (several web processes share it, as
// production's instances do), learners with the grader's busybox exercise, and their submissions stored as the
// submission route stores them — each with a build step that lasts `buildSeconds` and is never a layer-cache hit,
// so there is a build for a fault to land in.
import { randomUUID } from "node:crypto";
import { createSubmission } from "@/server/submissions/submission-store";
import { createTestDb, seedExercise, type Seeded } from "@/tests/integration/grading/grading-fixture";
import type { TestDb } from "@/tests/support/test-db";

export interface FaultDb {
  testDb: TestDb;
  /** The database's own URL, for the web instances' processes. */
  url: string;
}

/** A new migrated database on the server at `serverUrl` (tests/support/test-db.ts reads DATABASE_URL). */
export async function faultDatabase(serverUrl: string): Promise<FaultDb> {
  process.env.DATABASE_URL = serverUrl;
  const testDb = await createTestDb();
  const [row] = await testDb.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  const url = new URL(serverUrl);
  url.pathname = `/${row?.name ?? ""}`;
  return { testDb, url: url.toString() };
}

export async function seedLearners(testDb: TestDb, count: number, tag: string): Promise<Seeded[]> {
  const learners: Seeded[] = [];
  for (let i = 0; i < count; i++) learners.push(await seedExercise(testDb, `${tag}-${i}-${randomUUID().slice(0, 8)}@test.local`));
  return learners;
}

const limits = { rateLimit: 1_000, rateWindowMs: 60_000 };

/**
 * One submission per learner (a learner has one grading in flight at a time), stored as fast as the database
 * takes them: a few at a time, as several web instances' routes would. Two dozen at once through one Prisma
 * client exceed its transaction wait (2 s, measured here on 2 busy cores), which is the client's pool, not the queue.
 */
export async function submitAll(testDb: TestDb, learners: readonly Seeded[], buildSeconds: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < learners.length; i += storeAtOnce) {
    const batch = learners.slice(i, i + storeAtOnce).map(async (learner) => {
      const files = { ...learner.exercise.solution };
      files.Dockerfile = (files.Dockerfile ?? "").replace(/^(FROM .*)$/m, `$1\nRUN sleep ${buildSeconds} # ${randomUUID()}`);
      return (await createSubmission({ db: testDb.prisma }, { userId: learner.userId, exerciseId: learner.exerciseId, files }, limits)).id;
    });
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}

const storeAtOnce = 4;

/** Resolves once some submission of `ids` has reached its build (a `step` event named build is stored). */
export async function untilBuilding(testDb: TestDb, ids: readonly string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const building = await testDb.prisma.submissionEvent.count({ where: { submissionId: { in: [...ids] }, type: "step" } }).catch(() => 0);
    if (building > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no submission reached its build");
}
