import { publishLesson } from "@/server/authoring/lessons";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: the newest revision becomes what learners read (audited). */
export const POST = route<{ slug: string; lesson: string }>({ permission: "content:author" }, async ({ ctx, params }) =>
  Response.json(await publishLesson(ctx, params.slug, params.lesson)),
);
