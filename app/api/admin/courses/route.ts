import { createCourse } from "@/server/authoring/lessons";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: `{ slug, title, summary }` → 201, a new authored course (a draft until a lesson is published). */
export const POST = route({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, json }) =>
  Response.json(await createCourse(ctx, json), { status: 201 }),
);
