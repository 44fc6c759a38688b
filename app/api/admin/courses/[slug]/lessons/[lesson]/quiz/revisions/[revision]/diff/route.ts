import { quizRevisionDiff } from "@/server/authoring/quizzes";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: the quiz revision's quiz.yaml against the published quiz, line by line. */
export const GET = route<{ slug: string; lesson: string; revision: string }>({ permission: "content:author" }, async ({ ctx, params }) =>
  Response.json(await quizRevisionDiff(ctx, params.slug, params.lesson, params.revision)),
);
