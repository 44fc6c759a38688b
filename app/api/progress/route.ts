import { actorFromRequest } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError, handleErrors } from "@/server/errors";
import { myLessonMarks, setProgressMark } from "@/server/progress/marks";

export const dynamic = "force-dynamic";

/** Ticks or unticks one fact of the caller's progress: `{ course, lesson, kind, key, done }`. */
export const POST = handleErrors(async (request: Request) => {
  const prisma = await db();
  const actor = await actorFromRequest(prisma, request);
  const body: unknown = await request.json().catch(() => {
    throw new AppError("bad_request", "Send the progress mark as a JSON body.");
  });
  return Response.json(await setProgressMark(prisma, actor, body));
});

/** The caller's marks for one lesson: `?course=<slug>&lesson=<slug>`. */
export const GET = handleErrors(async (request: Request) => {
  const prisma = await db();
  const actor = await actorFromRequest(prisma, request);
  const params = new URL(request.url).searchParams;
  return Response.json(await myLessonMarks(prisma, actor, { course: params.get("course") ?? "", lesson: params.get("lesson") ?? "" }));
});
