import { saveQuiz } from "@/server/authoring/quizzes";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: `{ yaml }` (quiz.yaml text) saved as a new draft revision of the quiz. */
export const PUT = route<{ slug: string; lesson: string }>({ permission: "content:author", body: { maxBytes: bodyLimits.editor } }, async ({ ctx, params, json }) =>
  Response.json(await saveQuiz(ctx, params.slug, params.lesson, json)),
);
