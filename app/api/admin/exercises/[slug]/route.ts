import { exerciseForEditing } from "@/server/authoring/exercises";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: the exercise as its editor opens it (built-in ones too, read-only). */
export const GET = route<{ slug: string }>({ permission: "content:author" }, async ({ ctx, params }) => Response.json(await exerciseForEditing(ctx, params.slug)));
