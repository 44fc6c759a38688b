// The lesson's mini challenge. The "before" is what the learner started from: the chosen route's worked example
// as a single stage, built from the learner's own files in the same grading. (Measuring against the builder
// stage alone let a final stage pass that was no smaller than the worked example it came from.)
import type { SizeBaseline } from "@/grader/contract/exercise-spec";
import type { FileMap } from "@/grader/contract/grading-request";
import { fail, pass, type Check } from "./check";

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** The multi-stage image at most 70% of the single-stage one. */
export const cutRatio = 0.7;

export function pickRoute(baselines: readonly SizeBaseline[], files: FileMap): SizeBaseline | undefined {
  return baselines.find((b) => Object.hasOwn(files, b.whenFile));
}

export const imageSizeCut30: Check = {
  id: "image-size-cut-30",
  async run(s) {
    const routes = s.spec.sizeBaselines ?? [];
    const route = pickRoute(routes, s.files);
    if (!route) return fail(`No route to compare with: the folder must hold one of ${routes.map((r) => `${r.whenFile} (${r.route})`).join(", ")}.`);
    const image = await s.image();
    const before = await s.buildVariant("baseline", { ...s.files, Dockerfile: route.dockerfile });
    const label = `${route.route} example in one stage`;
    if (!before.result.ok) return fail(`Your files do not build as the ${label}, so there is nothing to compare with: ${before.result.message}`);
    const beforeBytes = before.result.sizeBytes;
    s.recordBaseline(label, beforeBytes);
    s.recordBaseline("your image", image.sizeBytes);
    const cut = 1 - image.sizeBytes / beforeBytes;
    const evidence = { route: route.route, finalBytes: image.sizeBytes, singleStageBytes: beforeBytes, cutPercent: Math.round(cut * 1000) / 10 };
    const sizes = `${mib(image.sizeBytes)}, against ${mib(beforeBytes)} for the ${label}`;
    const percent = Math.round(cut * 100);
    if (image.sizeBytes <= beforeBytes * cutRatio) return pass(`${sizes}: ${percent}% smaller.`, evidence);
    return fail(`${sizes}: ${percent >= 1 ? `only ${percent}% smaller` : "no smaller"}; the target is 30%. The cut comes from the final stage's base, not from having two stages.`, evidence);
  },
};
