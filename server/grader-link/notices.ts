// What the dispatcher tells a learner in its own words (the retry policy's texts are in retry-policy.ts, beside
// the decisions they explain).
export const notices = {
  replacedBytes: "The output contains bytes that are not text (NUL or broken characters); they are shown as ␀ and �.",
  invalidDefinition: "This exercise's stored definition is invalid, so it cannot be graded. The course authors have to fix it; this does not count as an attempt.",
  storageFailed: (reason: string) => `Saving this grading failed on our side (${reason}). This does not count as an attempt; please grade again.`,
};
