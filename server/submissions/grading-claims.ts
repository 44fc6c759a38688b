import "server-only";
// The state of a grading while the dispatcher works on it, as rows: which web instance holds it (a claim that
// lapses unless renewed, so a dead instance's gradings move to a live one), how often it was sent to the grader,
// and when it started running. Several web instances share one database; every write here is one conditional
// statement, so two never hold the same grading.
// Priority (docs/DESIGN.md §3): a LOW grading (an admin's regrade, proving or regression run) is claimed only while
// no learner's grading waits unclaimed and fewer than `lowPrioritySlots` LOW gradings are held by live instances,
// counted under one advisory lock so two instances cannot both take the last slot. Learners' gradings never wait
// for that lock: what keeps them first is that LOW work can never fill the grader's slots.
import type { GradingPriority } from "@/generated/prisma/client";
import type { DbContext } from "@/server/context";

const unfinished = { in: ["QUEUED" as const, "RUNNING" as const] };

function claimable(instanceId: string, now: Date) {
  return [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }, { leaseOwner: instanceId }];
}

export interface WaitingGrading {
  id: string;
  priority: GradingPriority;
}

/**
 * Unfinished gradings no live instance holds (new LOW work, or their instance stopped, or this one restarted):
 * learners' first, each priority oldest first (PostgreSQL orders an enum as declared: HIGH before LOW).
 */
export async function unclaimedGradings({ db }: DbContext, instanceId: string): Promise<WaitingGrading[]> {
  return db.submission.findMany({
    where: { status: unfinished, OR: claimable(instanceId, new Date()) },
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
    select: { id: true, priority: true },
  });
}

/**
 * Takes the claim and says the grading's priority; null when the grading ended, another live instance holds it,
 * or (LOW) a learner's grading waits or the LOW share of slots is full.
 */
export async function claimGrading(
  { db }: DbContext,
  submissionId: string,
  instanceId: string,
  leaseMs: number,
  lowPrioritySlots: number,
): Promise<GradingPriority | null> {
  const row = await db.submission.findUnique({ where: { id: submissionId }, select: { priority: true } });
  if (!row) return null;
  const take = async (client: Pick<DbContext["db"], "submission">, now: Date) => {
    const { count } = await client.submission.updateMany({
      where: { id: submissionId, status: unfinished, OR: claimable(instanceId, now) },
      data: { leaseOwner: instanceId, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
    });
    return count === 1 ? row.priority : null;
  };
  if (row.priority === "HIGH") return take(db, new Date());
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('grading:low-priority-share'))`;
    const now = new Date();
    const noLiveClaim = [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }];
    const learnerWaiting = await tx.submission.findFirst({ where: { priority: "HIGH", status: unfinished, OR: noLiveClaim }, select: { id: true } });
    if (learnerWaiting) return null;
    const held = await tx.submission.count({ where: { priority: "LOW", status: unfinished, id: { not: submissionId }, leaseExpiresAt: { gte: now } } });
    if (held >= lowPrioritySlots) return null;
    return take(tx, now);
  });
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

/**
 * What the dispatcher needs to send a grading: its exercise and files, and where a previous dispatch left it. A
 * grading of an exercise revision (a proving run's case, an author's preview) is judged by that revision's spec and
 * starter, not the published ones.
 */
export async function gradingToDispatch({ db }: DbContext, submissionId: string) {
  const row = await db.submission.findUnique({
    where: { id: submissionId },
    select: { status: true, dispatches: true, files: true, exercise: { select: { slug: true, spec: true, starter: true } }, revision: { select: { spec: true, starter: true } } },
  });
  if (!row) return null;
  const { revision, ...grading } = row;
  return revision ? { ...grading, exercise: { slug: grading.exercise.slug, ...revision } } : grading;
}
