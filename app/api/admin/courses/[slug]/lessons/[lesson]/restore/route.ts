import { restoreLessonRevision } from "@/server/authoring/lessons";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: `{ revisionId }` copied into a new draft (audited). */
export const POST = route<{ slug: string; lesson: string }>({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, params, json }) =>
  Response.json(await restoreLessonRevision(ctx, params.slug, params.lesson, json)),
);
