import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";
import { lessonKeyOf } from "@/server/lessons/lesson-ref";
import { myLessonMarks, setProgressMark } from "@/server/progress/marks";

export const dynamic = "force-dynamic";

/** Ticks or unticks one fact of the caller's progress: `{ course, lesson, kind, key, done }`. */
export const POST = route({ permission: "own-data", body: { maxBytes: bodyLimits.small } }, async ({ ctx, json }) =>
  Response.json(await setProgressMark(ctx, json)),
);

/** The caller's marks for one lesson: `?course=<slug>&lesson=<slug>`. */
export const GET = route({ permission: "own-data" }, async ({ ctx, request }) => Response.json(await myLessonMarks(ctx, lessonKeyOf(request))));
