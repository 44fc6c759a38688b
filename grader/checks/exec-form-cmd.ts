import { fail, pass, type Check } from "./check";
import { lastOf } from "./dockerfile-model";

export const execFormCmd: Check = {
  id: "exec-form-cmd",
  run(s) {
    if (!s.dockerfile) return fail("No Dockerfile to read.");
    const found = ["ENTRYPOINT", "CMD"].map((k) => lastOf(s.dockerfile!.finalStage, k)).filter((i) => i !== undefined);
    if (found.length === 0) return fail("The final stage has no CMD or ENTRYPOINT; say what runs, in exec form: CMD [\"python\", \"app.py\"].");
    const shell = found.filter((i) => !i.jsonForm);
    if (shell.length > 0) {
      const i = shell[0];
      return fail(`Line ${i?.line}: ${i?.keyword} ${i?.text} is shell form; the app then runs under /bin/sh and misses SIGTERM. Write ${i?.keyword} ${JSON.stringify(i?.args)}.`, { lines: shell.map((x) => x.line) });
    }
    return pass(`${found.map((i) => `${i.keyword} ${i.text}`).join(" and ")} in exec form.`);
  },
};
