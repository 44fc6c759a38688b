import { fail, pass, type Check } from "./check";

export const composeValid: Check = {
  id: "compose-valid",
  async run(s) {
    const prepared = await (await s.compose()).prepare();
    if (!prepared.ok) return fail(prepared.problems.join(" "), { problems: prepared.problems });
    const names = prepared.plan.services.map((x) => x.name);
    return pass(`Compose read ${names.length} services (${names.join(", ")}) and the sandbox allows every key they use.`, { services: names });
  },
};
