import { regradeOverview, startRegradeRequest } from "@/server/authoring/regrades";
import { gradingService } from "@/server/grading/grading-service";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: every exercise, its learners to regrade and its latest regrades. */
export const GET = route({ permission: "content:author" }, async ({ ctx }) => Response.json(await regradeOverview(ctx)));

/** Content authors: `{ exercise }` → 202 `{ id, gradings }`, learners' latest submissions graded again at low priority (audited). */
export const POST = route({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, json }) =>
  Response.json(await startRegradeRequest(ctx, json, (await gradingService()).dispatcher), { status: 202 }),
);
