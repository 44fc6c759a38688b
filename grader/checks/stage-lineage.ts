// Which stages the final image is made from, and which stage a build step belongs to: the classic builder runs
// every stage, but BuildKit (Docker Desktop's and current Engines' default) builds only the stages the final one
// starts FROM or copies from, so a test run anywhere else stops no build on a learner's machine.
import type { BuildStep } from "@/grader/sandbox/build-image";
import type { DockerfileModel, Stage } from "./dockerfile-model";

/** The final stage and every stage it starts from or copies from, directly or through others. */
export function stagesBehind(model: DockerfileModel, stage: Stage): Set<number> {
  const seen = new Set<number>();
  const visit = (s: Stage) => {
    if (seen.has(s.index)) return;
    seen.add(s.index);
    const parents = [s.from, ...s.instructions.filter((i) => i.keyword === "COPY" && i.flags.from).map((i) => i.flags.from ?? "")];
    for (const ref of parents) {
      const parent = model.stageNamed(ref, s.index);
      if (parent) visit(parent);
    }
  };
  visit(stage);
  return seen;
}

/**
 * The stage of a build step as the classic builder numbers them ("Step n/m": every instruction, FROM included);
 * the steps before the first FROM (global ARGs) are the difference between its total and the stages' count.
 */
export function stageOfStep(model: DockerfileModel, step: Pick<BuildStep, "index" | "total">): Stage | undefined {
  const counted = model.stages.reduce((n, s) => n + 1 + s.instructions.length, 0);
  let at = step.index - (step.total - counted);
  for (const stage of model.stages) {
    const size = 1 + stage.instructions.length;
    if (at >= 1 && at <= size) return stage;
    at -= size;
  }
  return undefined;
}

export const stageLabel = (stage: Stage): string => (stage.name ? `"${stage.name}"` : `${stage.index}`);
