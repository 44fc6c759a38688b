import { actorFromRequest } from "@/server/auth/actor";
import { db } from "@/server/db";
import { handleErrors } from "@/server/errors";
import { parseLastEventId, submissionEvents } from "@/server/grading/submissions";

export const dynamic = "force-dynamic";

/** SSE: every stored event after Last-Event-ID (or ?after=), then live ones; the stream ends after the verdict. */
export const GET = handleErrors(async (request: Request, ctx: RouteContext<"/api/submissions/[id]/events">) => {
  const { id } = await ctx.params;
  const actor = await actorFromRequest(await db(), request);
  const after = parseLastEventId(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after"));
  const stream = await submissionEvents(actor, id, after);
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
