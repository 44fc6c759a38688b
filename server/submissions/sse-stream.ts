import "server-only";
// A submission's events as Server-Sent Events: everything stored after Last-Event-ID, then live events until the
// verdict, then the stream ends. It subscribes before it reads the database and drops seqs it already sent, so
// an event stored between the read and the subscription is neither lost nor sent twice. A slow poll of the
// database covers events written by another web instance, whose in-process hub this one cannot hear.
import type { DbContext } from "@/server/context";
import type { StreamedEvent } from "@/lib/grading/submission-events";
import type { EventHub } from "./event-hub";
import { eventsAfter } from "./submission-store";

const encoder = new TextEncoder();

function frame(event: StreamedEvent): Uint8Array {
  return encoder.encode(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`);
}

export interface SseOptions {
  pollMs?: number;
  heartbeatMs?: number;
  /** The submission had ended when the stream was asked for: close after the replay even if the verdict was already sent. */
  finished?: boolean;
}

export function submissionEventStream(
  ctx: DbContext,
  hub: EventHub,
  submissionId: string,
  afterSeq: number,
  { pollMs = 2_000, heartbeatMs = 15_000, finished = false }: SseOptions = {},
): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let lastSent = afterSeq;
      let replaying = true;
      const held: StreamedEvent[] = [];

      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        controller.close();
      };
      const send = (event: StreamedEvent) => {
        if (closed || event.seq <= lastSent) return;
        lastSent = event.seq;
        controller.enqueue(frame(event));
        if (event.event.type === "verdict") close();
      };
      const catchUp = async () => {
        for (const event of await eventsAfter(ctx, submissionId, lastSent)) send(event);
      };

      const live = (event: StreamedEvent) => {
        if (replaying) held.push(event);
        // A gap means events this instance did not publish (another instance's): read them in order.
        else if (event.seq > lastSent + 1) void catchUp().catch(() => close());
        else send(event);
      };
      const unsubscribe = hub.subscribe(submissionId, live);
      const poll = setInterval(() => void catchUp().catch(() => close()), pollMs);
      const heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(": keep-alive\n\n")), heartbeatMs);
      cleanup = () => {
        unsubscribe();
        clearInterval(poll);
        clearInterval(heartbeat);
      };

      // Tells EventSource to reconnect soon if the connection drops; it resumes from the last id by itself.
      controller.enqueue(encoder.encode("retry: 1000\n\n"));
      catchUp()
        .then(() => {
          replaying = false;
          for (const event of held.splice(0)) live(event);
          if (finished) close();
        })
        .catch((error: unknown) => {
          controller.error(error);
          cleanup();
        });
    },
    cancel() {
      closed = true;
      cleanup();
    },
  });
}
