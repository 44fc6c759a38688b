import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";
import { saveQuizAttempt } from "@/server/quiz/attempts";

export const dynamic = "force-dynamic";

/** Saves a finished quick test: `{ clientId, course, lesson, answers }`; the server scores it. */
export const POST = route({ permission: "own-data", body: { maxBytes: bodyLimits.small } }, async ({ prisma, actor, json }) => {
  const saved = await saveQuizAttempt(prisma, actor, json);
  return Response.json(saved, { status: saved.created ? 201 : 200 });
});
