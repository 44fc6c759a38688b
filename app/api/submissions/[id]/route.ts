import { actorFromRequest } from "@/server/auth/actor";
import { db } from "@/server/db";
import { handleErrors } from "@/server/errors";
import { viewSubmission } from "@/server/grading/submissions";

export const dynamic = "force-dynamic";

export const GET = handleErrors(async (request: Request, ctx: RouteContext<"/api/submissions/[id]">) => {
  const { id } = await ctx.params;
  const actor = await actorFromRequest(await db(), request);
  return Response.json(await viewSubmission(actor, id));
});
