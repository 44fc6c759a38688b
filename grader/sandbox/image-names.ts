// Where the grader's images live: `shipshape-grading/<grader>-<session>:<kind>` for one grading's images and
// `shipshape-baseline/<grader>-<content hash>:latest` for starters built as baselines, reused across gradings.
export const gradingImageRepos = ["shipshape-grading", "shipshape-baseline"] as const;

// Both carry the grader's name first, so graders sharing an engine (or parallel test files) never trim each other's.
export const isGradingImageTag = (tag: string): boolean => gradingImageRepos.some((r) => tag.startsWith(`${r}/`));

export const isOwnImageTag = (tag: string, grader: string): boolean => gradingImageRepos.some((r) => tag.startsWith(`${r}/${grader}-`));

/** `session` is `<grader>-<random>`. */
export const sessionImageTag = (session: string, kind: "image" | "rebuild" | `variant-${number}`): string => `shipshape-grading/${session}:${kind}`;

export const baselineImageTag = (grader: string, contentHash: string): string => `shipshape-baseline/${grader}-${contentHash}:latest`;

/**
 * A name a tag-and-push grading gives an image to push it to its registry (`127.0.0.1:<port>/…`). Removed when the
 * grading ends; on an image of ours that the trim removes, it is ours too (left by a grader that died mid-push).
 */
export const isPushName = (tag: string): boolean => /^127\.0\.0\.1:\d+\//.test(tag);
