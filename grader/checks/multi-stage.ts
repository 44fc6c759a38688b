import { fail, pass, type Check } from "./check";

export const multiStage: Check = {
  id: "multi-stage",
  run(s) {
    if (!s.dockerfile) return fail("No Dockerfile to read.");
    const model = s.dockerfile;
    if (model.stages.length < 2) return fail("There is one stage; add a builder stage and copy only its artifacts into the final one.");
    const final = model.finalStage;
    const copies = final.instructions.filter((i) => i.keyword === "COPY" && i.flags.from && model.stageNamed(i.flags.from, final.index));
    if (copies.length === 0) return fail("The final stage copies nothing from an earlier stage (COPY --from=<stage>).", { stages: model.stages.length });
    return pass(`${model.stages.length} stages; the final one copies from ${copies.map((c) => c.flags.from).join(", ")} (line ${copies[0]?.line}).`);
  },
};
