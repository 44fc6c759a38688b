import { provingRunView } from "@/server/authoring/proving-runs";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: a proving run's cases, their gradings' states and the outcome so far. */
export const GET = route<{ id: string }>({ permission: "content:author" }, async ({ ctx, params }) => Response.json(await provingRunView(ctx, params.id)));
