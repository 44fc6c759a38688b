import { fail, pass, type Check } from "./check";

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

export const imageSizeSmaller: Check = {
  id: "image-size-smaller",
  async run(s) {
    const image = await s.image();
    if (!s.baselineFiles) return { status: "error", message: "The grading request carried no baseline (the exercise's starter) to compare with." };
    const baseline = await s.buildVariant("baseline", s.baselineFiles);
    if (!baseline.result.ok) return { status: "error", message: `The first build (the starter) did not build here: ${baseline.result.message}` };
    const baselineBytes = baseline.result.sizeBytes;
    s.recordBaseline("first build (starter)", baselineBytes);
    s.recordBaseline("your image", image.sizeBytes);
    const evidence = { yourBytes: image.sizeBytes, firstBuildBytes: baselineBytes };
    if (image.sizeBytes < baselineBytes) return pass(`${mib(image.sizeBytes)}, down from ${mib(baselineBytes)} for the first build.`, evidence);
    return fail(`${mib(image.sizeBytes)} is not smaller than the first build's ${mib(baselineBytes)}.`, evidence);
  },
};
