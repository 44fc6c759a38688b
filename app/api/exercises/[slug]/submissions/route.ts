import { actorFromRequest } from "@/server/auth/actor";
import { db } from "@/server/db";
import { handleErrors } from "@/server/errors";
import { readJsonBody } from "@/server/grading/request-body";
import { attemptsOf, submitForGrading } from "@/server/grading/submissions";

export const dynamic = "force-dynamic";

/**
 * Stores the learner's files as a submission and starts grading it: 202 { id, event } with the stored first event
 * (seq 1), then follow /api/submissions/<id>/events?after=1.
 */
export const POST = handleErrors(async (request: Request, ctx: RouteContext<"/api/exercises/[slug]/submissions">) => {
  const { slug } = await ctx.params;
  const actor = await actorFromRequest(await db(), request);
  const submission = await submitForGrading(actor, slug, await readJsonBody(request));
  return Response.json(submission, { status: 202, headers: { location: `/api/submissions/${submission.id}` } });
});

/** The learner's attempts at this exercise, newest first, with the reference solution's image size when known. */
export const GET = handleErrors(async (request: Request, ctx: RouteContext<"/api/exercises/[slug]/submissions">) => {
  const { slug } = await ctx.params;
  const actor = await actorFromRequest(await db(), request);
  return Response.json(await attemptsOf(actor, slug));
});
