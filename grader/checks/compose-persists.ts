// A row written through the API is still there after the API's container restarts (the database keeps running):
// an API that kept it in its own memory forgets it.
import { randomBytes } from "node:crypto";
import { fail, pass, type Check } from "./check";
import { runningProject } from "./compose-project";
import { crudCalls } from "./compose-crud-calls";

export const composePersists: Check = {
  id: "compose-persists",
  async run(s) {
    const { compose, project } = await runningProject(s);
    const calls = crudCalls(compose, s.spec.project?.crud ?? { path: "/items", field: "name" });
    const value = `shipshape-${randomBytes(4).toString("hex")}`;
    const created = await calls.create(value);
    if (!created.ok) return fail(`Could not create a row to keep: ${created.message}`, { steps: calls.steps });
    const after = await compose.restartApi();
    if (after?.state !== "healthy" && after?.state !== "running") {
      return fail(`After a restart ${project.api.name} is ${after?.status ?? "gone"}.`, { steps: calls.steps, logTail: await compose.logTail(project.api.name) });
    }
    const read = await calls.read(created.id, value);
    if (!read.ok) return fail(`After ${project.api.name} restarted: ${read.message} The row lived in the API's memory, not in the database.`, { steps: calls.steps });
    return pass(`The row created before ${project.api.name} restarted is still there after it: it lives in ${project.database.name}.`, { steps: calls.steps });
  },
};
