import { route } from "@/server/http/route";
import { cohortOverview } from "@/server/cohorts/overview";

export const dynamic = "force-dynamic";

/** The cohort page's matrix and clusters, polled while it is open; the cohort's manager and admins only (others 404). */
export const GET = route<{ cohortId: string }>({ permission: "cohorts:manage" }, async ({ ctx, params }) =>
  Response.json(await cohortOverview(ctx, params.cohortId), { headers: { "cache-control": "no-store" } }),
);
