import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";
import { saveQuizAttempt } from "@/server/quiz/attempts";

export const dynamic = "force-dynamic";

/** Saves a finished quick test: `{ clientId, course, lesson, answers }`; the server scores it. */
export const POST = route({ permission: "own-data", body: { maxBytes: bodyLimits.small } }, async ({ ctx, json }) => {
  const saved = await saveQuizAttempt(ctx, json);
  return Response.json(saved, { status: saved.created ? 201 : 200 });
});
