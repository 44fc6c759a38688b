// Where a submission stands, and which submissions count as attempts: plain functions, without the events' schemas
// (submission-events.ts), so the pages that list attempts do not load zod for them.
import type { Verdict } from "@/grader/contract";

export const submissionStatuses = ["QUEUED", "RUNNING", "PASSED", "FAILED", "NOT_GRADABLE"] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

export function isFinished(status: SubmissionStatus): boolean {
  return status === "PASSED" || status === "FAILED" || status === "NOT_GRADABLE";
}

/**
 * Whether a submission counts as an attempt: a verdict on the learner's work does (pass, fail), and so does one
 * still in flight until it ends otherwise. Not gradable is ours: the attempt numbers, the solution's unlock, the
 * rate limit and progress all leave it out.
 */
export function countsAsAttempt(status: SubmissionStatus): boolean {
  return status !== "NOT_GRADABLE";
}

/** Attempt numbers for a learner's submissions listed newest first: 1 for the oldest counted; null when not counted. */
export function attemptNumbers(newestFirst: readonly { status: SubmissionStatus }[]): (number | null)[] {
  let number = newestFirst.filter((a) => countsAsAttempt(a.status)).length + 1;
  return newestFirst.map((a) => (countsAsAttempt(a.status) ? --number : null));
}

export function statusOfVerdict(verdict: Verdict): SubmissionStatus {
  return verdict.status === "pass" ? "PASSED" : verdict.status === "fail" ? "FAILED" : "NOT_GRADABLE";
}
