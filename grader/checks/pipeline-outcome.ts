// What the registry checks read: the pipeline's run, once it ran and built. Otherwise they are skipped, naming the
// check that says why.
import type { PipelineOutcome } from "@/grader/pipeline/pipeline-grading";
import { SkipCheck, type GradingSession } from "./check";

export type RanPipeline = Extract<PipelineOutcome, { kind: "ran" }>;

export async function ranPipeline(s: GradingSession): Promise<RanPipeline> {
  const outcome = await s.pipeline();
  if (outcome.kind !== "ran") throw new SkipCheck("The pipeline did not run; see pipeline-valid.");
  if (!outcome.run.ok) throw new SkipCheck(outcome.run.buildFailed ? "The image did not build; see the build check." : "The pipeline stopped; see pipeline-valid.");
  return outcome;
}

/** The tags the exercise asks for, with this grading's commit SHA in place of `${COMMIT_SHA}`. */
export const wantedTags = (tags: readonly string[], commitSha: string): string[] => tags.map((t) => t.replaceAll("${COMMIT_SHA}", commitSha));

/** A registry tag names this grading's commit when it is the full SHA or the 7-character short one. */
export const namesCommit = (tag: string, run: RanPipeline): boolean => tag === run.commitSha || tag === run.shortSha;
