import { discardQuizDraft } from "@/server/authoring/quizzes";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: drops the quiz revisions after the published one (audited). */
export const POST = route<{ slug: string; lesson: string }>({ permission: "content:author" }, async ({ ctx, params }) =>
  Response.json(await discardQuizDraft(ctx, params.slug, params.lesson)),
);
