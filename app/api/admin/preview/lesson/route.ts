import { previewLesson } from "@/server/authoring/lessons";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: `{ body, keyTerms }` rendered by the lesson pipeline (sanitized), not stored. */
export const POST = route({ permission: "content:author", body: { maxBytes: bodyLimits.editor } }, async ({ ctx, json }) => Response.json(await previewLesson(ctx, json)));
