import { createLesson } from "@/server/authoring/lessons";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: `{ slug, title }` → 201, a new lesson with a first draft. */
export const POST = route<{ slug: string }>({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, params, json }) =>
  Response.json(await createLesson(ctx, params.slug, json), { status: 201 }),
);
