import { exercisePreviewGradings, gradeExercisePreview } from "@/server/authoring/exercise-preview";
import { gradingService } from "@/server/grading/grading-service";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

type Params = { slug: string; revision: string };

/**
 * Content authors ("preview as a learner"): grades `{ files }` against this revision's spec → 202 `{ id, event }`, then
 * follow /api/submissions/<id>/events?after=1. Counted as no one's attempt; LOW priority.
 */
export const POST = route<Params>({ permission: "content:author", body: { maxBytes: bodyLimits.submission } }, async ({ ctx, params, json }) => {
  const { dispatcher } = await gradingService();
  const grading = await gradeExercisePreview(ctx, params.slug, params.revision, json, dispatcher);
  return Response.json(grading, { status: 202, headers: { location: `/api/submissions/${grading.id}` } });
});

/** Content authors: this revision's preview gradings, newest first. */
export const GET = route<Params>({ permission: "content:author" }, async ({ ctx, params }) => Response.json(await exercisePreviewGradings(ctx, params.slug, params.revision)));
