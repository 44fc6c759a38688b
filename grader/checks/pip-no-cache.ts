import { fail, pass, skip, type Check } from "./check";

const pipInstall = /\bpip3?\s+install\b/;

// hadolint DL3042, then the image itself: no pip cache in the learner's own layers.
export const pipNoCache: Check = {
  id: "pip-no-cache",
  uses: ["layer-scan"],
  async run(s) {
    if (!s.dockerfile) return fail("No Dockerfile to read.");
    const envOff = s.dockerfile.stages.some((st) => st.instructions.some((i) => i.keyword === "ENV" && i.properties.some((p) => p.name === "PIP_NO_CACHE_DIR" && /^(1|true|yes|on|off|0|false)$/i.test(p.value ?? ""))));
    const installs = s.dockerfile.stages.flatMap((st) => st.instructions.filter((i) => i.keyword === "RUN" && pipInstall.test(i.args.join(" "))));
    if (installs.length === 0) return skip("No pip install in the Dockerfile.");
    const cached = installs.filter((i) => !i.args.join(" ").includes("--no-cache-dir"));
    if (cached.length > 0 && !envOff) return fail(`${cached.map((i) => `line ${i.line}`).join(", ")}: pip install without --no-cache-dir keeps its download cache in the image.`, { lines: cached.map((i) => i.line) });
    const hits = (await s.layerScan()).filter((h) => h.path.includes(".cache/pip/"));
    if (hits.length > 0) return fail(`The image still holds a pip cache (${hits.length} files, e.g. /${hits[0]?.path}).`, { files: hits.slice(0, 10) });
    return pass(`pip installs with --no-cache-dir and no pip cache is left in the image.`);
  },
};
