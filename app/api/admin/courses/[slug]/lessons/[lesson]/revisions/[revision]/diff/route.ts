import { lessonRevisionDiff } from "@/server/authoring/lessons";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: the lesson revision as lesson.md against the published one, line by line. */
export const GET = route<{ slug: string; lesson: string; revision: string }>({ permission: "content:author" }, async ({ ctx, params }) =>
  Response.json(await lessonRevisionDiff(ctx, params.slug, params.lesson, params.revision)),
);
