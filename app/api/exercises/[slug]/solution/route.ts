import { actorFromRequest } from "@/server/auth/actor";
import { db } from "@/server/db";
import { handleErrors } from "@/server/errors";
import { referenceSolutionFor } from "@/server/grading/submissions";

export const dynamic = "force-dynamic";

/** The reference solution's files; refused (403) until the learner has failed three times. */
export const GET = handleErrors(async (request: Request, ctx: RouteContext<"/api/exercises/[slug]/solution">) => {
  const { slug } = await ctx.params;
  const actor = await actorFromRequest(await db(), request);
  return Response.json({ files: await referenceSolutionFor(actor, slug) });
});
