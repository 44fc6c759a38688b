import "server-only";
// The regression run: after an exercise's spec or the grader changed, its published revision's reference solution
// (twice), starter and mistake cases are graded again by the proving run (server/authoring/proving-runs.ts, purpose
// REGRESSION: LOW gradings behind learners'), and its outcome names every case that no longer gets what it must.
import { z } from "zod";
import { requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import type { Dispatcher } from "@/server/grader-link/dispatcher";
import { startProvingRun } from "./proving-runs";

const regressionRequestSchema = z.object({ exercise: z.string().min(1).max(200) }).strict();

/** `{ exercise }` (its slug) → the run's id; a regression run of the same revision still under way is returned. */
export async function startRegressionRun(ctx: Ctx, input: unknown, dispatcher: Pick<Dispatcher, "dispatch">): Promise<{ runId: string }> {
  requirePermission(ctx.actor, "content:author");
  const { exercise: slug } = regressionRequestSchema.parse(input);
  const exercise = await ctx.db.exercise.findUnique({ where: { slug }, select: { currentRevisionId: true } });
  if (!exercise) throw new AppError("not_found", "No such exercise.");
  if (!exercise.currentRevisionId) {
    throw new AppError("conflict", "This exercise has no published revision in the admin area to run its reference and mistake cases from (a built-in exercise's are run by the grader's golden suite).");
  }
  return startProvingRun(ctx, exercise.currentRevisionId, { purpose: "REGRESSION", dispatcher });
}
