import "server-only";
// Everything the instructor's views of a cohort are drawn from, in a constant number of queries whatever the
// cohort's size (bench/cohort-matrix.ts holds it to that): the cohort, its members, the lessons, every member's
// marks and best quiz scores, and their recent gradings (attempt-records.ts). Member-scoped reads filter through the
// membership relation, so a learner who left is absent from the next read on.
import type { Ctx } from "@/server/context";
import { progressLessons } from "@/server/progress/summary";
import { cohortAttemptRecords } from "./attempt-records";
import { managedCohort } from "./cohorts";

export async function loadCohortFacts(ctx: Ctx, cohortId: string) {
  const cohort = await managedCohort(ctx, cohortId);
  const membersRead = ctx.db.cohortMember.findMany({ where: { cohortId }, orderBy: { joinedAt: "asc" }, select: { joinedAt: true, user: { select: { id: true, email: true, name: true } } } });
  // By the members' ids (the index on userId serves them), not a relation filter that would visit every user.
  const memberReads = membersRead.then(async (members) => {
    const inCohort = { userId: { in: members.map((m) => m.user.id) } };
    const [marks, quiz] = await Promise.all([
      ctx.db.progressMark.findMany({ where: inCohort, select: { userId: true, lessonId: true, kind: true, key: true, createdAt: true } }),
      ctx.db.quizAttempt.groupBy({ by: ["userId", "lessonId"], where: inCohort, _max: { score: true, createdAt: true }, _count: { _all: true } }),
    ]);
    return { marks, quiz };
  });
  const [members, { marks, quiz }, lessons, records] = await Promise.all([membersRead, memberReads, progressLessons(ctx), cohortAttemptRecords(ctx, cohortId)]);
  return { cohort, members, lessons, marks, quiz, records };
}

export type CohortFacts = Awaited<ReturnType<typeof loadCohortFacts>>;

/** Rows keyed by "<userId>/<otherId>", so per-learner lookups cost nothing as the cohort grows. */
export function indexBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
