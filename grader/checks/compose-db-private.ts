import { fail, pass, type Check } from "./check";
import { acceptedProject } from "./compose-project";

export const composeDbPrivate: Check = {
  id: "compose-db-private",
  async run(s) {
    const { project } = await acceptedProject(s);
    const ports = project.database.ports.map((p) => p.target);
    if (ports.length > 0) return fail(`${project.database.name} publishes port ${ports.join(", ")} to the host: anyone who reaches the machine reaches the database.`, { ports });
    return pass(`${project.database.name} publishes no port; ${project.api.name} reaches it by name on the project's network.`);
  },
};
