import { actorFromRequest } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError, handleErrors } from "@/server/errors";
import { mergeAnonymousProgress } from "@/server/progress/marks";

export const dynamic = "force-dynamic";

/** What this browser kept while signed out, sent once after sign-in; safe to send again. */
export const POST = handleErrors(async (request: Request) => {
  const prisma = await db();
  const actor = await actorFromRequest(prisma, request);
  const body: unknown = await request.json().catch(() => {
    throw new AppError("bad_request", "Send the browser's progress as a JSON body.");
  });
  return Response.json(await mergeAnonymousProgress(prisma, actor, body));
});
