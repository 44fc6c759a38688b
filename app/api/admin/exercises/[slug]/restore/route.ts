import { restoreExerciseRevision } from "@/server/authoring/exercise-revisions";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: `{ revisionId }` copied into a new draft (audited), to be proved before publishing. */
export const POST = route<{ slug: string }>({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, params, json }) =>
  Response.json(await restoreExerciseRevision(ctx, params.slug, json)),
);
