import { fail, pass, type Check } from "./check";
import { isTestArtifact } from "./layer-patterns";

export const noTestsInImage: Check = {
  id: "no-tests-in-image",
  uses: ["layer-scan"],
  async run(s) {
    const hits = (await s.layerScan()).filter((h) => isTestArtifact(h.path));
    if (hits.length === 0) return pass("No test files or test tools in the layers your Dockerfile adds to the final image.");
    const paths = [...new Set(hits.map((h) => h.path))];
    const shown = paths.slice(0, 5).map((p) => `/${p}`).join(", ");
    return fail(`The final image holds ${paths.length} test file${paths.length === 1 ? "" : "s"} or test tool${paths.length === 1 ? "" : "s"} from your own layers: ${shown}${paths.length > 5 ? ", …" : ""}.`, { paths: paths.slice(0, 50) });
  },
};
