import { fail, pass, type Check } from "./check";

// hadolint DL3006 (tag the image) and DL3007 (not latest); a digest pins even harder.
export const baseImagePinned: Check = {
  id: "base-image-pinned",
  run(s) {
    if (!s.dockerfile) return fail("No FROM to judge.");
    const model = s.dockerfile;
    const external = model.stages.filter((st) => st.from.toLowerCase() !== "scratch" && !model.stageNamed(st.from, st.index));
    const loose = external.filter((st) => !st.digest && (!st.tag || st.tag === "latest"));
    if (loose.length > 0) {
      return fail(
        loose.map((st) => `line ${st.line}: FROM ${st.from} ${st.tag === "latest" ? "uses latest" : "has no tag"}`).join("; ") + ". Name an explicit version tag.",
        { unpinned: loose.map((st) => ({ line: st.line, from: st.from })) },
      );
    }
    return pass(`Every FROM names a version: ${external.map((st) => st.from).join(", ") || "scratch only"}.`);
  },
};
