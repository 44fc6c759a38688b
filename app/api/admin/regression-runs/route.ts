import { startRegressionRun } from "@/server/authoring/regression-runs";
import { gradingService } from "@/server/grading/grading-service";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: `{ exercise }` → 202 `{ runId }`, its published revision's reference and mistake cases graded again at low priority (watch it at GET /api/admin/proving-runs/<runId>). */
export const POST = route({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, json }) =>
  Response.json(await startRegressionRun(ctx, json, (await gradingService()).dispatcher), { status: 202 }),
);
