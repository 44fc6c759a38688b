import { fail, pass, type Check } from "./check";
import { baseImageOf } from "./dockerfile-model";

const slim = /(^scratch$|slim|alpine|distroless)/i;

export const baseImageSlim: Check = {
  id: "base-image-slim",
  run(s) {
    if (!s.dockerfile) return fail("No FROM to judge.");
    const base = baseImageOf(s.dockerfile, s.dockerfile.finalStage);
    if (slim.test(base)) return pass(`The final stage is based on ${base}.`, { base });
    return fail(`The final stage is based on ${base}, a full image; try a -slim, -alpine, distroless or scratch base.`, { base });
  },
};
