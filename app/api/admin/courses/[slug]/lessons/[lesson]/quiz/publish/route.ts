import { publishQuiz } from "@/server/authoring/quizzes";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: the newest quiz revision becomes what learners take (audited). */
export const POST = route<{ slug: string; lesson: string }>({ permission: "content:author" }, async ({ ctx, params }) =>
  Response.json(await publishQuiz(ctx, params.slug, params.lesson)),
);
