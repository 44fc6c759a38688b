import { fail, pass, type Check } from "./check";
import { lastOf } from "./dockerfile-model";

const isRoot = (user: string) => ["", "0", "root"].includes(user.split(":")[0]?.trim() ?? "");

export const userNonRoot: Check = {
  id: "user-non-root",
  async run(s) {
    if (!s.dockerfile) return fail("No Dockerfile stage to read a USER from.");
    const user = lastOf(s.dockerfile.finalStage, "USER");
    if (!user) {
      // A base may set the user itself (gcr.io/distroless/*:nonroot runs as 65532): the image decides.
      const inherited = await s.image().catch(() => null);
      if (inherited && !isRoot(inherited.config.user)) return pass(`No USER line; the base image runs as "${inherited.config.user}".`, { configUser: inherited.config.user });
      return fail("The final stage has no USER instruction, so the app runs as root.");
    }
    const declared = user.args[0] ?? "";
    if (isRoot(declared)) return fail(`Line ${user.line}: USER ${declared} is root.`, { line: user.line });
    const built = await s.image().catch(() => null);
    if (built && isRoot(built.config.user)) return fail(`The built image's user is "${built.config.user}".`, { configUser: built.config.user });
    return pass(`The final stage runs as "${declared}" (line ${user.line}).`, { user: declared, configUser: built?.config.user });
  },
};
