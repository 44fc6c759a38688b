import { fail, pass, type Check } from "./check";

export const dockerfileValid: Check = {
  id: "dockerfile-valid",
  run(s) {
    if (!("Dockerfile" in s.files)) return fail("There is no file named Dockerfile at the top of the project.", { files: Object.keys(s.files) });
    if (!s.dockerfile) return fail("The Dockerfile has no FROM instruction, so there is no image to build on.");
    if (s.dockerfile.errors.length > 0) {
      const first = s.dockerfile.errors[0];
      return fail(`Line ${first?.line}: ${first?.message}`, { errors: s.dockerfile.errors });
    }
    return pass(`The Dockerfile parses: ${s.dockerfile.stages.length} stage(s).`);
  },
};
