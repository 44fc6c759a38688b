import { z } from "zod";
import { startRegressionRun } from "@/server/authoring/proving-runs";
import { gradingService } from "@/server/grading/grading-service";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

const regressionRequest = z.object({ exercise: z.string().min(1).max(200) }).strict();

/** Content authors: `{ exercise }` → 202 `{ runId }`, the published exercise's reference and mistake cases graded again at low priority (watch it at GET /api/admin/proving-runs/<runId>). */
export const POST = route({ permission: "content:author", body: { maxBytes: bodyLimits.small } }, async ({ ctx, json }) =>
  Response.json(await startRegressionRun(ctx, regressionRequest.parse(json).exercise, (await gradingService()).dispatcher), { status: 202 }),
);
