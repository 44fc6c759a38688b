import { fail, pass, type Check } from "./check";

export const pipelineValid: Check = {
  id: "pipeline-valid",
  async run(s) {
    const outcome = await s.pipeline();
    if (outcome.kind === "refused") return fail(`${outcome.message} Nothing was run.`, { step: outcome.step });
    if (outcome.kind === "unavailable") return { status: "error", message: outcome.message };
    const { run, plan } = outcome;
    const evidence = { commitSha: outcome.commitSha, steps: plan.actions.length, pushed: run.pushed };
    // A tag or push the engine refused after the file was accepted is the registry's or the engine's doing.
    if (!run.ok && !run.buildFailed) return { status: "error", message: `Step ${run.step} could not be carried out: ${run.message}`, evidence };
    if (!run.ok) return pass(`The file's ${plan.actions.length} steps resolved; the build at step ${run.step} failed (see the build check), so nothing was pushed.`, evidence);
    return pass(`${plan.actions.length} steps resolved and ran for commit ${outcome.shortSha}; pushed ${run.pushed.length === 0 ? "nothing" : run.pushed.join(", ")}.`, evidence);
  },
};
