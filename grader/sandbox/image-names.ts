// Where the grader's images live: `shipshape-grading/<session>:<kind>` for one grading's images and
// `shipshape-baseline/<content hash>:latest` for starters built as baselines, reused across gradings.
export const gradingImageRepos = ["shipshape-grading", "shipshape-baseline"] as const;

export const isGradingImageTag = (tag: string): boolean => gradingImageRepos.some((r) => tag.startsWith(`${r}/`));

export const sessionImageTag = (session: string, kind: "image" | "rebuild" | "first-stage"): string => `shipshape-grading/${session}:${kind}`;

export const baselineImageTag = (contentHash: string): string => `shipshape-baseline/${contentHash}:latest`;
