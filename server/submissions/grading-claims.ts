import "server-only";
// The state of a grading while the dispatcher works on it, as rows: which web instance holds it (a claim that
// lapses unless renewed, so a dead instance's gradings move to a live one), how often it was sent to the grader,
// and when it started running. Several web instances share one database; every write here is one conditional
// statement, so two never hold the same grading.
import type { DbContext } from "@/server/context";

const unfinished = { in: ["QUEUED" as const, "RUNNING" as const] };

function claimable(instanceId: string, now: Date) {
  return [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }, { leaseOwner: instanceId }];
}

/** Unfinished gradings no live instance holds (their instance stopped, or this one restarted), oldest first. */
export async function unclaimedGradings({ db }: DbContext, instanceId: string): Promise<string[]> {
  const rows = await db.submission.findMany({
    where: { status: unfinished, OR: claimable(instanceId, new Date()) },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Takes the claim; false when the grading ended or another live instance holds it. */
export async function claimGrading({ db }: DbContext, submissionId: string, instanceId: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db.submission.updateMany({
    where: { id: submissionId, status: unfinished, OR: claimable(instanceId, now) },
    data: { leaseOwner: instanceId, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

/** Extends a claim the instance holds; false only when another instance has taken the grading over. */
export async function renewClaim({ db }: DbContext, submissionId: string, instanceId: string, leaseMs: number): Promise<boolean> {
  const { count } = await db.submission.updateMany({
    where: { id: submissionId, leaseOwner: instanceId },
    data: { leaseExpiresAt: new Date(Date.now() + leaseMs) },
  });
  return count === 1;
}

export async function releaseClaim({ db }: DbContext, submissionId: string, instanceId: string): Promise<void> {
  await db.submission.updateMany({ where: { id: submissionId, leaseOwner: instanceId }, data: { leaseOwner: null, leaseExpiresAt: null } });
}

/** Counts one more sending to the grader (kept across web restarts, so re-dispatches stay bounded). */
export async function recordDispatch({ db }: DbContext, submissionId: string, dispatches: number): Promise<void> {
  await db.submission.update({ where: { id: submissionId }, data: { dispatches } });
}

export async function markRunning({ db }: DbContext, submissionId: string): Promise<void> {
  await db.submission.update({ where: { id: submissionId }, data: { status: "RUNNING", startedAt: new Date() } });
}

/** What the dispatcher needs to send a grading: its exercise and files, and where a previous dispatch left it. */
export async function gradingToDispatch({ db }: DbContext, submissionId: string) {
  return db.submission.findUnique({
    where: { id: submissionId },
    select: { status: true, dispatches: true, files: true, exercise: { select: { slug: true, spec: true, starter: true } } },
  });
}
