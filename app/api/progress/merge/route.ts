import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";
import { mergeAnonymousProgress } from "@/server/progress/marks";

export const dynamic = "force-dynamic";

/** What this browser kept while signed out, sent once after sign-in; safe to send again. */
export const POST = route({ permission: "own-data", body: { maxBytes: bodyLimits.merge } }, async ({ ctx, json }) =>
  Response.json(await mergeAnonymousProgress(ctx, json)),
);
