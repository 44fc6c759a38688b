import { actorFromRequest } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError, handleErrors } from "@/server/errors";
import { saveQuizAttempt } from "@/server/quiz/attempts";

export const dynamic = "force-dynamic";

/** Saves a finished quick test: `{ clientId, course, lesson, answers }`; the server scores it. */
export const POST = handleErrors(async (request: Request) => {
  const prisma = await db();
  const actor = await actorFromRequest(prisma, request);
  const body: unknown = await request.json().catch(() => {
    throw new AppError("bad_request", "Send the attempt as a JSON body.");
  });
  const saved = await saveQuizAttempt(prisma, actor, body);
  return Response.json(saved, { status: saved.created ? 201 : 200 });
});
