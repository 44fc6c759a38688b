// Every service builds, starts and reports healthy, each with its own healthcheck: the API's says it can serve,
// the database's that it accepts connections (pg_isready), which is what depends_on waits for.
import { fail, pass, type Check } from "./check";
import { acceptedProject } from "./compose-project";

export const composeHealthy: Check = {
  id: "compose-healthy",
  async run(s) {
    const { compose, project } = await acceptedProject(s);
    const unchecked = project.plan.services.filter((x) => !x.healthcheck || x.healthcheck.disable === true).map((x) => x.name);
    const up = await compose.up();
    if (!up.ok && up.reason === "unavailable") return { status: "error", message: up.message };
    if (!up.ok && up.reason === "build") return fail(`The service ${up.service} did not build: ${up.message}`, { service: up.service });
    const services = up.services;
    const states = Object.fromEntries(services.map((x) => [x.service, x.status]));
    if (unchecked.length > 0) {
      return fail(`${unchecked.join(" and ")} ${unchecked.length > 1 ? "declare" : "declares"} no healthcheck, so nothing can tell when ${unchecked.length > 1 ? "they are" : "it is"} ready.`, { states, ...(up.ok ? {} : { compose: up.message }) });
    }
    const notHealthy = project.plan.services.filter((p) => services.find((x) => x.service === p.name)?.state !== "healthy");
    if (notHealthy.length > 0 || !up.ok) {
      const logs = Object.fromEntries(await Promise.all(notHealthy.map(async (p) => [p.name, await compose.logTail(p.name)] as const)));
      const what = notHealthy
        .map((p) => {
          const x = services.find((s) => s.service === p.name);
          return x ? `${x.service} is ${x.status}${x.stoppedBecause ? ` (stopped by the grader: ${x.stoppedBecause})` : ""}` : `${p.name} is not running`;
        })
        .join("; ");
      return fail(`${what || "Compose stopped"}${up.ok ? "" : ` (Compose: ${up.message})`}.`, { states, logTail: logs });
    }
    return pass(`Every service reported healthy: ${services.map((x) => `${x.service} (${x.status})`).join(", ")}.`, { states });
  },
};
