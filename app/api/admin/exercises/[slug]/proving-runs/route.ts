import { proveExercise } from "@/server/authoring/exercises";
import { bodyLimits } from "@/server/http/limits";
import { gradingService } from "@/server/grading/grading-service";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: starts the proving run of the newest revision → 202 `{ runId }`. */
export const POST = route<{ slug: string }>({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, params }) => {
  const { dispatcher } = await gradingService();
  return Response.json(await proveExercise(ctx, params.slug, dispatcher), { status: 202 });
});
