import { saveExerciseDraft } from "@/server/authoring/exercises";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: `{ spec, starter, solution, mistakes, expected }` saved as a new draft revision. */
export const PUT = route<{ slug: string }>({ permission: "content:author", body: { maxBytes: bodyLimits.editor } }, async ({ ctx, params, json }) =>
  Response.json(await saveExerciseDraft(ctx, params.slug, json)),
);
