// Proves the tests run in the build and can stop it: the submission is built again with the exercise's failing
// test file in place of the learner's, and that build must fail at a step of a stage the final image is made from.
import { fail, pass, skip, type Check } from "./check";
import { stageLabel, stageOfStep, stagesBehind } from "./stage-lineage";

export const testsGateBuild: Check = {
  id: "tests-gate-build",
  async run(s) {
    const swap = s.spec.failingTest;
    if (!swap || !s.dockerfile) return skip("Nothing to swap in.");
    await s.image();
    const { result } = await s.buildAlso("failing test", { ...s.files, [swap.path]: swap.content });
    const evidence = { swapped: swap.path };
    if (result.ok) {
      return fail(`With a failing test swapped in at ${swap.path}, the image still built (${result.steps.length} steps): no step of the build ran that test, or its failure was ignored.`, evidence);
    }
    if (result.reason === "unavailable" || result.reason === "refused") return { status: "error", message: result.message, evidence };
    const step = result.failedStep;
    const stage = step ? stageOfStep(s.dockerfile, step) : undefined;
    if (!step || !stage) return fail(`With the failing test the build stopped, but not at a step of your Dockerfile: ${result.message}`, { ...evidence, reason: result.reason });
    const where = `step ${step.index}/${step.total} (${step.instruction}) in stage ${stageLabel(stage)}`;
    if (!stagesBehind(s.dockerfile, s.dockerfile.finalStage).has(stage.index)) {
      return fail(
        `The failing test stopped the build at ${where}, but the final stage neither starts FROM that stage nor copies from it. BuildKit, the default builder on Docker Desktop and current Engines, skips such a stage: on your machine the failing test would not stop the build.`,
        { ...evidence, failedStep: step, stage: stage.index },
      );
    }
    return pass(`With a failing test at ${swap.path}, the build stopped at ${where}, which the final image is built from.`, { ...evidence, failedStep: step, stage: stage.index });
  },
};
