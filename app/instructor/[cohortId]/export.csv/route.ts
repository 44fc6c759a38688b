import { route } from "@/server/http/route";
import { cohortCsv } from "@/server/cohorts/exports";

export const dynamic = "force-dynamic";

/** The cohort as CSV (RFC 4180, header row): wide by default, `?shape=long` for a row per learner × exercise × check. */
export const GET = route<{ cohortId: string }>({ permission: "cohorts:manage" }, async ({ ctx, params, request }) => {
  const shape = new URL(request.url).searchParams.get("shape") === "long" ? "long" : "wide";
  const { filename, body } = await cohortCsv(ctx, params.cohortId, shape);
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8; header=present", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
});
