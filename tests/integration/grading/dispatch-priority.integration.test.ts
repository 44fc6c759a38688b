// Learners' gradings before admins' regrades (docs/DESIGN.md §3, dispatch priority): a LOW grading is claimed only
// while no learner's grading waits, and LOW work holds at most its share of slots across web instances. First the
// claim rule on the real database, then the real dispatcher and grader: with a backlog of LOW gradings, a learner's
// grading submitted after them is graded while the backlog still waits, and LOW work never held more than its share.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimGrading, releaseClaim } from "@/server/submissions/grading-claims";
import { createSubmission } from "@/server/submissions/submission-store";
import type { TestDb } from "@/tests/support/test-db";
import { createTestDb, GraderProcess, seedExercise, webDispatcher, type Seeded } from "./grading-fixture";

const grader = new GraderProcess(4450, "hsixteenbprio", { GRADER_CONCURRENCY: "2" });
let testDb: TestDb;
let seeded: Seeded;
const leaseMs = 30_000;

/** The solution, building `seconds` longer, never a cache hit of another grading's build. */
function solutionTaking(seconds: number): Record<string, string> {
  const files = { ...seeded.exercise.solution };
  files.Dockerfile = (files.Dockerfile ?? "").replace(/^(FROM .*)$/m, `$1\nRUN sleep ${seconds} # ${randomUUID()}`);
  return files;
}

async function lowGrading(seconds = 0): Promise<string> {
  const row = await testDb.prisma.submission.create({
    data: { kind: "REGRADE", priority: "LOW", exerciseId: seeded.exerciseId, files: solutionTaking(seconds), events: { create: { seq: 1, type: "submitted", data: { type: "submitted" } } } },
  });
  return row.id;
}

beforeAll(async () => {
  testDb = await createTestDb();
  seeded = await seedExercise(testDb, "priority@test.local");
}, 120_000);

afterAll(async () => {
  await grader.stop();
  await testDb?.close();
});

describe("claiming by priority", () => {
  it("refuses a LOW claim while a learner's grading waits unclaimed, and bounds LOW claims across instances", async () => {
    const ctx = { db: testDb.prisma };
    const [lowA, lowB, lowC] = [await lowGrading(), await lowGrading(), await lowGrading()];
    const learner = await createSubmission(ctx, { userId: seeded.userId, exerciseId: seeded.exerciseId, files: solutionTaking(0) }, { rateLimit: 100, rateWindowMs: 60_000 });

    expect(await claimGrading(ctx, lowA, "web-1", leaseMs, 2)).toBeNull();
    expect(await claimGrading(ctx, learner.id, "web-2", leaseMs, 2)).toBe("HIGH");
    // The learner's grading is held now: LOW work may take its share, two slots across both instances and no more.
    expect(await claimGrading(ctx, lowA, "web-1", leaseMs, 2)).toBe("LOW");
    expect(await claimGrading(ctx, lowB, "web-2", leaseMs, 2)).toBe("LOW");
    expect(await claimGrading(ctx, lowC, "web-1", leaseMs, 2)).toBeNull();
    // A released slot is free again; a lapsed claim (its instance died) holds none.
    await releaseClaim(ctx, lowA, "web-1");
    expect(await claimGrading(ctx, lowC, "web-1", leaseMs, 2)).toBe("LOW");
    await testDb.prisma.submission.update({ where: { id: lowB }, data: { leaseExpiresAt: new Date(Date.now() - 1) } });
    expect(await claimGrading(ctx, lowA, "web-2", leaseMs, 2)).toBe("LOW");

    await testDb.prisma.submission.deleteMany({ where: { id: { in: [lowA, lowB, lowC, learner.id] } } });
  });

  it("claims one LOW slot once, however many instances race for it", async () => {
    const ctx = { db: testDb.prisma };
    const lows = await Promise.all([1, 2, 3, 4, 5, 6].map(() => lowGrading()));
    const claims = await Promise.all(lows.map((id, n) => claimGrading(ctx, id, `web-${n}`, leaseMs, 1)));
    expect(claims.filter((c) => c === "LOW")).toHaveLength(1);
    await testDb.prisma.submission.deleteMany({ where: { id: { in: lows } } });
  });
});

describe("the dispatcher with a backlog of LOW work", () => {
  it("grades a learner's later grading while the backlog waits, LOW work holding one slot of two", async () => {
    await grader.start();
    const ctx = { db: testDb.prisma };
    const web = webDispatcher(testDb.prisma, grader, { lowPrioritySlots: 1 });
    const backlog = [await lowGrading(6), await lowGrading(2), await lowGrading(2)];

    let maxLowHeld = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const held = await testDb.prisma.submission.count({ where: { priority: "LOW", status: { in: ["QUEUED", "RUNNING"] }, leaseExpiresAt: { gte: new Date() } } });
        maxLowHeld = Math.max(maxLowHeld, held);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    expect(await web.recoverInterrupted()).toEqual([backlog[0]]);
    const deadline = Date.now() + 60_000;
    while ((await testDb.prisma.submission.findUniqueOrThrow({ where: { id: backlog[0] ?? "" } })).status !== "RUNNING") {
      if (Date.now() > deadline) throw new Error("the first LOW grading never started");
      await new Promise((r) => setTimeout(r, 100));
    }
    const learner = await createSubmission(ctx, { userId: seeded.userId, exerciseId: seeded.exerciseId, files: solutionTaking(0) }, { rateLimit: 100, rateWindowMs: 60_000 });
    void web.dispatch(learner.id);
    await web.idle();
    watching = false;
    await watcher;

    const rows = await testDb.prisma.submission.findMany({ where: { id: { in: [...backlog, learner.id] } }, select: { id: true, status: true, startedAt: true, finishedAt: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const row of rows) expect(row.status, row.id).toBe("PASSED");
    const learnerRow = byId.get(learner.id);
    const [, second, third] = backlog.map((id) => byId.get(id));
    // Submitted after all three, the learner's grading started before the second LOW one, on the slot LOW work left free.
    expect(learnerRow?.startedAt?.getTime()).toBeLessThan(second?.startedAt?.getTime() ?? 0);
    expect(second?.startedAt?.getTime()).toBeLessThan(third?.startedAt?.getTime() ?? 0);
    expect(maxLowHeld).toBe(1);
  }, 240_000);
});
