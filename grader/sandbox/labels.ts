// Labels that let the grader find what it made on a shared engine: leftover containers and networks are pruned
// by `grading`. Base images carry `shipshape.base-image` and are never removed by the grader. (Images are found
// by their tag instead, see image-names.ts: a build label would add a LABEL step that defeats the cache.)
export const labels = {
  grading: "shipshape.grading",
  baseImage: "shipshape.base-image",
} as const;
