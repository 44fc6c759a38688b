import { exportAccountData } from "@/server/accounts/account-data";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

const encoder = new TextEncoder();

/** Everything Shipshape holds about the caller, as a JSON download streamed section by section. */
export const GET = route({ permission: "own-data" }, async ({ ctx }) => {
  const { exportedAt, chunks } = await exportAccountData(ctx);
  const iterator = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="shipshape-export-${exportedAt.slice(0, 10)}.json"`,
      "cache-control": "no-store",
    },
  });
});
