import "server-only";
// Per learner, exercise and check, over all of a cohort's counted attempts: how often the check ran, when it first
// passed, when it last ran and how. One query (the verdicts' checks unnested in the database), for the long export.
import { Prisma } from "@/generated/prisma/client";
import type { DbContext } from "@/server/context";

export interface CheckHistory {
  userId: string;
  exerciseId: string;
  check: string;
  attempts: number;
  firstPassAt: Date | null;
  lastAttemptAt: Date;
  lastStatus: string;
}

interface Row extends Omit<CheckHistory, "firstPassAt" | "lastAttemptAt"> {
  firstPassAt: Date | string | null;
  lastAttemptAt: Date | string;
}

export async function cohortCheckHistory({ db }: DbContext, cohortId: string): Promise<CheckHistory[]> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT s."userId", s."exerciseId", c.item->>'id' AS "check", count(*)::int AS attempts,
           min(s."createdAt") FILTER (WHERE c.item->>'status' = 'pass') AS "firstPassAt",
           max(s."createdAt") AS "lastAttemptAt",
           (array_agg(c.item->>'status' ORDER BY s."createdAt" DESC, s."id" DESC))[1] AS "lastStatus"
    FROM "Submission" s
    JOIN "CohortMember" m ON m."userId" = s."userId" AND m."cohortId" = ${cohortId}
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s."verdict"->'checks') = 'array' THEN s."verdict"->'checks' ELSE '[]'::jsonb END) AS c(item)
    WHERE s."kind" = 'ATTEMPT' AND s."status" IN ('PASSED', 'FAILED')
    GROUP BY s."userId", s."exerciseId", c.item->>'id'`);
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts), firstPassAt: r.firstPassAt === null ? null : new Date(r.firstPassAt), lastAttemptAt: new Date(r.lastAttemptAt) }));
}
