// Create, read, update and delete through the API's published port, each answer checked: the exercise names the
// collection and the field; the values are fresh in every grading, so nothing can be answered from a fixture.
import { randomBytes } from "node:crypto";
import { fail, pass, type Check } from "./check";
import { runningProject } from "./compose-project";
import { crudCalls } from "./compose-crud-calls";

export const composeCrud: Check = {
  id: "compose-crud",
  async run(s) {
    const { compose } = await runningProject(s);
    const calls = crudCalls(compose, s.spec.project?.crud ?? { path: "/items", field: "name" });
    const first = `shipshape-${randomBytes(4).toString("hex")}`;
    const second = `shipshape-${randomBytes(4).toString("hex")}`;
    const created = await calls.create(first);
    if (!created.ok) return fail(created.message, { steps: calls.steps });
    const read = await calls.read(created.id, first);
    if (!read.ok) return fail(read.message, { steps: calls.steps });
    const updated = await calls.update(created.id, second);
    if (!updated.ok) return fail(updated.message, { steps: calls.steps });
    const reread = await calls.read(created.id, second);
    if (!reread.ok) return fail(`After the update: ${reread.message}`, { steps: calls.steps });
    const deleted = await calls.remove(created.id);
    if (!deleted.ok) return fail(deleted.message, { steps: calls.steps });
    return pass(`POST, GET, PUT, GET, DELETE, GET on ${calls.collection} answered as a CRUD API should.`, { steps: calls.steps });
  },
};
