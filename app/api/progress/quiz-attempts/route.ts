import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";
import { lessonKeyOf } from "@/server/lessons/lesson-ref";
import { myBestScore, saveQuizAttempt } from "@/server/quiz/attempts";

export const dynamic = "force-dynamic";

/** Saves a finished quick test: `{ clientId, course, lesson, answers }`; the server scores it. */
export const POST = route({ permission: "own-data", body: { maxBytes: bodyLimits.small } }, async ({ ctx, json }) => {
  const saved = await saveQuizAttempt(ctx, json);
  return Response.json(saved, { status: saved.created ? 201 : 200 });
});

/** The caller's best score at one lesson's quick test: `?course=<slug>&lesson=<slug>`. */
export const GET = route({ permission: "own-data" }, async ({ ctx, request }) => Response.json(await myBestScore(ctx, lessonKeyOf(request))));
