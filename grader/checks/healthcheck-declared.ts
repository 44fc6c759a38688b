import { fail, pass, type Check } from "./check";
import { lastOf } from "./dockerfile-model";

export const healthcheckDeclared: Check = {
  id: "healthcheck-declared",
  run(s) {
    if (!s.dockerfile) return fail("No Dockerfile stage to read a HEALTHCHECK from.");
    const hc = lastOf(s.dockerfile.finalStage, "HEALTHCHECK");
    if (!hc) return fail("The final stage declares no HEALTHCHECK.");
    if ((hc.args[0] ?? "").toUpperCase() === "NONE") return fail(`Line ${hc.line}: HEALTHCHECK NONE switches the check off.`);
    return pass(`HEALTHCHECK on line ${hc.line}: ${hc.text}`);
  },
};
