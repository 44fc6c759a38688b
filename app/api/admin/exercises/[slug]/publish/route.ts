import { publishExercise } from "@/server/authoring/exercises";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: `{ runId }` — publishes the newest revision if that proving run passed; 409 naming the failing case otherwise. */
export const POST = route<{ slug: string }>({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, params, json }) =>
  Response.json(await publishExercise(ctx, params.slug, json)),
);
