import { fail, pass, type Check } from "./check";

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

export const imageSizeSmaller: Check = {
  id: "image-size-smaller",
  async run(s) {
    const image = await s.image();
    if (!s.baselineFiles) return { status: "error", message: "The grading request carried no baseline (the exercise's starter) to compare with." };
    const baseline = await s.buildVariant("baseline", s.baselineFiles);
    if (!baseline.result.ok || baseline.sizeBytes === null) return { status: "error", message: `The first build (the starter) did not build here: ${baseline.result.ok ? "no size" : baseline.result.message}` };
    s.recordBaseline("first build (starter)", baseline.sizeBytes);
    s.recordBaseline("your image", image.sizeBytes);
    const evidence = { yourBytes: image.sizeBytes, firstBuildBytes: baseline.sizeBytes };
    if (image.sizeBytes < baseline.sizeBytes) return pass(`${mib(image.sizeBytes)}, down from ${mib(baseline.sizeBytes)} for the first build.`, evidence);
    return fail(`${mib(image.sizeBytes)} is not smaller than the first build's ${mib(baseline.sizeBytes)}.`, evidence);
  },
};
