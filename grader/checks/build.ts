import { fail, pass, type Check } from "./check";

export const build: Check = {
  id: "build",
  async run(s) {
    const result = await s.build();
    if (result.ok) {
      const cached = result.steps.filter((st) => st.cached).length;
      return pass(`The image built in ${(result.durationMs / 1000).toFixed(1)} s (${result.steps.length} steps, ${cached} from cache).`, { steps: result.steps.length });
    }
    // The engine could not build (a lesson image missing, its disk full): not gradable, nothing counted.
    if (result.reason === "unavailable") return { status: "error", message: result.message, evidence: { reason: result.reason } };
    const step = result.failedStep ? `Step ${result.failedStep.index}/${result.failedStep.total} (${result.failedStep.instruction}) failed: ` : "";
    return fail(`${step}${result.message}`, { failedStep: result.failedStep, reason: result.reason, logTail: result.logTail });
  },
};
