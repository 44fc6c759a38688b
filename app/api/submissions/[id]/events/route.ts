import { streamLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";
import { releasingOnEnd, takeStreamSlot } from "@/server/http/stream-slots";
import { parseLastEventId, submissionEvents } from "@/server/grading/use-cases";

export const dynamic = "force-dynamic";

/** SSE: every stored event after Last-Event-ID (or ?after=), then live ones; the stream ends after the verdict. */
export const GET = route<{ id: string }>({ permission: "signed-in" }, async ({ ctx, params, request }) => {
  const after = parseLastEventId(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after"));
  const release = takeStreamSlot(ctx.actor.id, streamLimits.sseStreamsPerUser);
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = await submissionEvents(ctx, params.id, after);
  } catch (error) {
    release();
    throw error;
  }
  return new Response(releasingOnEnd(stream, release), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
