import "server-only";
// The gradings behind a cohort's matrix, clusters and exports, in one query whatever the cohort's size: for every
// member and exercise, their last three counted attempts (pass or fail; not gradable is ours and never counts) with
// the required check that failed first in each, and the totals over all their attempts. Window functions do the
// per-learner work in the database, so no query runs per member and no verdict beyond the first failing check of
// each crosses the wire.
import { Prisma } from "@/generated/prisma/client";
import type { DbContext } from "@/server/context";
import type { FailingCheck } from "./failure-signature";

export interface AttemptRecord {
  submissionId: string;
  userId: string;
  exerciseId: string;
  status: "PASSED" | "FAILED";
  createdAt: Date;
  /** 1 for the learner's latest attempt at the exercise, 2 for the one before, 3. */
  recency: number;
  /** Counted attempts at this exercise in all. */
  attempts: number;
  firstPassAt: Date | null;
  /** The first required check that failed (the latest attempt's in full; the earlier ones' id only). */
  failure: FailingCheck | null;
}

/** How many of each learner's latest attempts are kept: enough to see "three failures in a row on one check". */
export const recentAttempts = 3;

interface Row {
  submissionId: string;
  userId: string;
  exerciseId: string;
  status: string;
  createdAt: Date | string;
  recency: number;
  attempts: number;
  firstPassAt: Date | string | null;
  failure: FailingCheck | null;
}

export async function cohortAttemptRecords({ db }: DbContext, cohortId: string): Promise<AttemptRecord[]> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH counted AS (
      SELECT s."id", s."userId", s."exerciseId", s."status", s."createdAt", s."verdict",
             row_number() OVER latest AS recency,
             count(*) OVER learner AS attempts,
             min(s."createdAt") FILTER (WHERE s."status" = 'PASSED') OVER learner AS "firstPassAt"
      FROM "Submission" s
      JOIN "CohortMember" m ON m."userId" = s."userId" AND m."cohortId" = ${cohortId}
      WHERE s."kind" = 'ATTEMPT' AND s."status" IN ('PASSED', 'FAILED')
      WINDOW learner AS (PARTITION BY s."userId", s."exerciseId"),
             latest AS (PARTITION BY s."userId", s."exerciseId" ORDER BY s."createdAt" DESC, s."id" DESC)
    )
    SELECT c."id" AS "submissionId", c."userId", c."exerciseId", c."status"::text AS "status", c."createdAt",
           c.recency::int AS recency, c.attempts::int AS attempts, c."firstPassAt",
           (SELECT CASE WHEN c.recency = 1 THEN x.item ELSE jsonb_build_object('id', x.item->'id', 'message', '') END
              FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c."verdict"->'checks') = 'array' THEN c."verdict"->'checks' ELSE '[]'::jsonb END)
                   WITH ORDINALITY AS x(item, n)
             WHERE x.item->>'required' = 'true' AND x.item->>'status' IN ('fail', 'error')
             ORDER BY x.n LIMIT 1) AS failure
    FROM counted c
    WHERE c.recency <= ${recentAttempts}
    ORDER BY c."userId", c."exerciseId", c.recency`);
  return rows.map((r) => ({
    submissionId: r.submissionId,
    userId: r.userId,
    exerciseId: r.exerciseId,
    status: r.status === "PASSED" ? "PASSED" : "FAILED",
    createdAt: new Date(r.createdAt),
    recency: Number(r.recency),
    attempts: Number(r.attempts),
    firstPassAt: r.firstPassAt === null ? null : new Date(r.firstPassAt),
    failure: r.failure,
  }));
}
