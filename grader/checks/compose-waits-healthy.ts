import { fail, pass, type Check } from "./check";
import { acceptedProject } from "./compose-project";

export const composeWaitsHealthy: Check = {
  id: "compose-waits-healthy",
  async run(s) {
    const { project } = await acceptedProject(s);
    const { api, database } = project;
    const dependency = api.dependsOn[database.name];
    if (!dependency) return fail(`${api.name} does not depend on ${database.name}, so Compose may start it first.`, { dependsOn: api.dependsOn });
    if (dependency.condition !== "service_healthy") {
      return fail(`${api.name} waits for ${database.name} only until its container starts (${dependency.condition}), not until the database accepts connections.`, { dependsOn: api.dependsOn });
    }
    return pass(`${api.name} starts once ${database.name} reports healthy (depends_on condition: service_healthy).`, { dependsOn: api.dependsOn });
  },
};
