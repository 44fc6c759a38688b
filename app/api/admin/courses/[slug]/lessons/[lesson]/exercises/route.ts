import { createExercise } from "@/server/authoring/exercises";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: `{ slug, title }` → 201, a draft exercise at the end of the lesson. */
export const POST = route<{ slug: string; lesson: string }>({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, params, json }) =>
  Response.json(await createExercise(ctx, params.slug, params.lesson, json), { status: 201 }),
);
