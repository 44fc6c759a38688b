import { actorFromRequest } from "@/server/auth/actor";
import { db } from "@/server/db";
import { saveDraftBySlug } from "@/server/drafts/draft-store";
import { handleErrors } from "@/server/errors";
import { readJsonBody } from "@/server/grading/request-body";

export const dynamic = "force-dynamic";

/** Autosave of the signed-in learner's files for this exercise. */
export const PUT = handleErrors(async (request: Request, ctx: RouteContext<"/api/exercises/[slug]/draft">) => {
  const { slug } = await ctx.params;
  const actor = await actorFromRequest(await db(), request);
  return Response.json(await saveDraftBySlug(actor, slug, await readJsonBody(request)));
});
