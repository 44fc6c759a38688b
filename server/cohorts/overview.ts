import "server-only";
// The instructor's cohort page, live: matrix and clusters from one read of the cohort's facts, so a poll costs
// the same few queries whatever the cohort's size.
import type { CohortOverview } from "@/lib/api/answers";
import type { Ctx } from "@/server/context";
import { buildClusters } from "./clusters";
import { loadCohortFacts } from "./cohort-facts";
import { buildMatrix } from "./matrix";

export async function cohortOverview(ctx: Ctx, cohortId: string): Promise<CohortOverview> {
  const facts = await loadCohortFacts(ctx, cohortId);
  return { matrix: await buildMatrix(facts), clusters: buildClusters(facts) };
}
