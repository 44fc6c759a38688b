import { restoreQuizRevision } from "@/server/authoring/quizzes";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: `{ revisionId }` copied into a new quiz draft (audited). */
export const POST = route<{ slug: string; lesson: string }>({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, params, json }) =>
  Response.json(await restoreQuizRevision(ctx, params.slug, params.lesson, json)),
);
