import "server-only";
// Caps the long-lived responses (SSE) one user holds open in this process. A slot is taken before the stream
// is opened and given back when it ends or the client goes away, however that happens.
import { AppError } from "@/server/errors";

const holder = globalThis as unknown as { __shipshapeStreamSlots?: Map<string, number> };
const open = (holder.__shipshapeStreamSlots ??= new Map<string, number>());

/** Takes a slot for the user or throws 429; the returned function gives it back (once, however often called). */
export function takeStreamSlot(userId: string, max: number): () => void {
  const held = open.get(userId) ?? 0;
  if (held >= max) throw new AppError("rate_limited", `You have ${held} live views open; close some tabs and try again.`, { retryAfterSeconds: 5 });
  open.set(userId, held + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const now = (open.get(userId) ?? 1) - 1;
    if (now <= 0) open.delete(userId);
    else open.set(userId, now);
  };
}

/** The same stream, giving the slot back when it closes, errors or is cancelled by the client. */
export function releasingOnEnd(stream: ReadableStream<Uint8Array>, release: () => void): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
}
