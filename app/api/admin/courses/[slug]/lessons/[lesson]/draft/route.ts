import { saveLessonDraft } from "@/server/authoring/lessons";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: `{ frontMatter, body }` saved as a new draft revision. */
export const PUT = route<{ slug: string; lesson: string }>({ permission: "content:author", body: { maxBytes: bodyLimits.editor } }, async ({ ctx, params, json }) =>
  Response.json(await saveLessonDraft(ctx, params.slug, params.lesson, json)),
);
