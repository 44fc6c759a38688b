// How a set of submissions ended, read from the database the web writes: a verdict (PASSED/FAILED), "not
// gradable" (NOT_GRADABLE, with its error verdict), or lost — still queued or running when the suite's deadline
// passed, or gone. Also the timings the queue benchmark reports, from the rows' own timestamps.
import type { PrismaClient } from "@/generated/prisma/client";

export interface Outcome {
  submissions: number;
  verdicts: number;
  notGradable: number;
  lost: number;
  /** Dispatches recorded by the web over all submissions (1 each when nothing went wrong). */
  dispatches: number;
  /** Stored → first build step, per submission that got one (ms). */
  queueWaitsMs: number[];
  /** Stored → verdict stored, per finished submission (ms). */
  toVerdictMs: number[];
}

export async function outcomeOf(db: PrismaClient, ids: readonly string[]): Promise<Outcome> {
  const rows = await db.submission.findMany({ where: { id: { in: [...ids] } }, select: { status: true, dispatches: true, createdAt: true, startedAt: true, finishedAt: true } });
  const finished = rows.filter((r) => r.finishedAt && (r.status === "PASSED" || r.status === "FAILED" || r.status === "NOT_GRADABLE"));
  return {
    submissions: ids.length,
    verdicts: rows.filter((r) => r.status === "PASSED" || r.status === "FAILED").length,
    notGradable: rows.filter((r) => r.status === "NOT_GRADABLE").length,
    lost: ids.length - finished.length,
    dispatches: rows.reduce((sum, r) => sum + r.dispatches, 0),
    queueWaitsMs: rows.flatMap((r) => (r.startedAt ? [r.startedAt.getTime() - r.createdAt.getTime()] : [])),
    toVerdictMs: finished.flatMap((r) => (r.finishedAt ? [r.finishedAt.getTime() - r.createdAt.getTime()] : [])),
  };
}

/** Waits until every submission has ended or `timeoutMs` passed; a database that is down counts as not yet. */
export async function settle(db: PrismaClient, ids: readonly string[], timeoutMs: number): Promise<Outcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await outcomeOf(db, ids).catch(() => null);
    if (outcome && (outcome.lost === 0 || Date.now() > deadline)) return outcome;
    if (!outcome && Date.now() > deadline) throw new Error("the database did not answer before the deadline");
    await new Promise((r) => setTimeout(r, 250));
  }
}
