import { regradeReport } from "@/server/authoring/regrades";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: the regrade's report so far (verdicts that changed first, with the checks that flipped). */
export const GET = route<{ id: string }>({ permission: "content:author" }, async ({ ctx, params }) => Response.json(await regradeReport(ctx, params.id)));
