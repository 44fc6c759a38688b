import { saveDraftBySlug } from "@/server/drafts/draft-store";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Autosave of the signed-in learner's files for this exercise. */
export const PUT = route<{ slug: string }>({ permission: "grade", body: { maxBytes: bodyLimits.submission } }, async ({ ctx, params, json }) =>
  Response.json(await saveDraftBySlug(ctx, params.slug, json)),
);
