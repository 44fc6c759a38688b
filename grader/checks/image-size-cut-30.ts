import { fail, pass, type Check } from "./check";

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** The lesson's mini challenge: the multi-stage image at most 70% of its first stage built alone. */
export const cutRatio = 0.7;

export const imageSizeCut30: Check = {
  id: "image-size-cut-30",
  async run(s) {
    if (!s.dockerfile || s.dockerfile.stages.length < 2) return fail("With a single stage there is no first stage to compare with; make it a multi-stage build.");
    const image = await s.image();
    const first = s.dockerfile.stages[0];
    const second = s.dockerfile.stages[1];
    // A named first stage is built with the `target` option; an unnamed one by cutting the Dockerfile before
    // the second FROM, which builds exactly the same instructions.
    const variant = first?.name
      ? await s.buildVariant("first-stage", s.files, { target: first.name })
      : await s.buildVariant("first-stage", { ...s.files, Dockerfile: (s.files.Dockerfile ?? "").split("\n").slice(0, (second?.line ?? 1) - 1).join("\n") + "\n" });
    if (!variant.result.ok || variant.sizeBytes === null) return fail(`The first stage alone does not build as an image: ${variant.result.ok ? "no size" : variant.result.message}`);
    s.recordBaseline("first stage alone", variant.sizeBytes);
    s.recordBaseline("your image", image.sizeBytes);
    const cut = 1 - image.sizeBytes / variant.sizeBytes;
    const evidence = { finalBytes: image.sizeBytes, firstStageBytes: variant.sizeBytes, cutPercent: Math.round(cut * 1000) / 10 };
    if (image.sizeBytes <= variant.sizeBytes * cutRatio) return pass(`${mib(image.sizeBytes)} vs ${mib(variant.sizeBytes)} for the first stage alone: ${(cut * 100).toFixed(0)}% smaller.`, evidence);
    return fail(`${mib(image.sizeBytes)} vs ${mib(variant.sizeBytes)} for the first stage alone is only ${(cut * 100).toFixed(0)}% smaller; the target is 30%.`, evidence);
  },
};
