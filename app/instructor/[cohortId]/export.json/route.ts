import { route } from "@/server/http/route";
import { cohortJson } from "@/server/cohorts/exports";

export const dynamic = "force-dynamic";

/** The same data as both CSV shapes, as one JSON document. */
export const GET = route<{ cohortId: string }>({ permission: "cohorts:manage" }, async ({ ctx, params }) => {
  const { filename, body } = await cohortJson(ctx, params.cohortId);
  return Response.json(body, { headers: { "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" } });
});
