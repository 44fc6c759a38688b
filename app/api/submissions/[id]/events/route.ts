import { route } from "@/server/http/route";
import { parseLastEventId, submissionEvents } from "@/server/grading/submissions";

export const dynamic = "force-dynamic";

/** SSE: every stored event after Last-Event-ID (or ?after=), then live ones; the stream ends after the verdict. */
export const GET = route<{ id: string }>({ permission: "signed-in" }, async ({ actor, params, request }) => {
  const after = parseLastEventId(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after"));
  const stream = await submissionEvents(actor, params.id, after);
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
