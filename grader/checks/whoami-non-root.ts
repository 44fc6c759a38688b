import { fail, pass, type Check } from "./check";

const idLine = /uid=(\d+)(?:\(([^)]*)\))?/;

export const whoamiNonRoot: Check = {
  id: "whoami-non-root",
  uses: ["app"],
  async run(s) {
    const app = await s.app();
    // One `id` gives both the uid and the name whoami would print, for the cost of one exec.
    const id = await app.exec(["id"]);
    const parsed = id.exitCode === 0 ? idLine.exec(id.stdout) : null;
    if (!parsed) {
      // Images without `id` (scratch, distroless): judge by the user the engine started the process as.
      const user = (await s.image()).config.user;
      const numeric = user.split(":")[0] ?? "";
      if (numeric === "" || numeric === "0" || numeric === "root") return fail("The process runs as root (no USER, and `id` is not in the image to say otherwise).", { user, exec: id });
      return pass(`The process runs as "${user}" (\`id\` is not in the image; judged by the image's USER).`, { user });
    }
    const uid = parsed[1] ?? "";
    const name = parsed[2] ?? `uid ${uid}`;
    if (uid === "0") return fail(`whoami in the container prints "${name}": the app runs as root.`, { uid, whoami: name, id: id.stdout.trim() });
    return pass(`whoami in the container prints "${name}" (uid ${uid}).`, { uid, whoami: name });
  },
};
