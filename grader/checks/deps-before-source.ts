import { fail, pass, type Check } from "./check";
import { copiesOnlyManifests, installCommand } from "./dependency-files";

export const depsBeforeSource: Check = {
  id: "deps-before-source",
  async run(s) {
    if (!s.dockerfile) return fail("No Dockerfile to read.");
    const installs: { stage: number; line: number }[] = [];
    for (const stage of s.dockerfile.stages) {
      let sourceCopy: number | undefined;
      for (const i of stage.instructions) {
        if ((i.keyword === "COPY" || i.keyword === "ADD") && i.flags.from === undefined && !copiesOnlyManifests(i.args.slice(0, -1))) sourceCopy ??= i.line;
        if (i.keyword === "RUN" && installCommand.test(i.args.join(" "))) {
          if (sourceCopy !== undefined) {
            return fail(`Line ${i.line} installs dependencies after line ${sourceCopy} copies the source, so every code change reinstalls them. Copy the dependency files first, install, then copy the rest.`, {
              installLine: i.line,
              sourceCopyLine: sourceCopy,
            });
          }
          installs.push({ stage: stage.index, line: i.line });
        }
      }
    }
    if (installs.length === 0) return pass("No dependency install step, so nothing to order.");
    // The proof: touch one source file, rebuild, and every install step must come from the cache.
    await s.image();
    const rebuild = await s.buildVariant("rebuild", s.files);
    if (!rebuild.result.ok) return fail(`The rebuild after touching a source file failed: ${rebuild.result.message}`, { logTail: rebuild.result.logTail });
    const installSteps = rebuild.result.steps.filter((st) => installCommand.test(st.instruction));
    const rerun = installSteps.filter((st) => !st.cached);
    const evidence = { touched: rebuild.label, installSteps: installSteps.map((st) => ({ step: st.index, instruction: st.instruction, cached: st.cached })) };
    if (rerun.length > 0) return fail(`After touching ${rebuild.label}, step ${rerun.map((st) => st.index).join(", ")} reinstalled the dependencies instead of using the cache.`, evidence);
    return pass(`After touching ${rebuild.label}, the install step came from the cache.`, evidence);
  },
};
