// When the web tries a grading again by itself and when it gives up: one place, apart from the status writes.
// Everything here is our side failing, so giving up always ends "not gradable" (not counted), with the reason.
//  - The grader is full or unreachable: wait (its Retry-After, or backoff) up to `maxWaitMs`.
//  - The stream broke mid-grading: dispatch again, within the submission's `maxDispatches`.
//  - The grader answered `error` (a lesson image missing, the engine refusing, a timeout of ours): grade once more,
//    because such faults are often passing; a second `error` is shown as it is.
//  - The grader refused the request (401/413/422): sending it again cannot help.
import type { Verdict } from "@/grader/contract";

export type Failure =
  | { kind: "busy"; retryAfterMs: number }
  | { kind: "unreachable" }
  | { kind: "stream-broke"; message: string }
  | { kind: "error-verdict"; verdict: Verdict }
  | { kind: "rejected"; reason: string };

export interface RetryState {
  dispatches: number;
  maxDispatches: number;
  /** Error verdicts already graded again in this grading. */
  errorRetries: number;
  /** Since when the grader has been full or unreachable without a break; null when it answered last time. */
  waitingSinceMs: number | null;
  /** Consecutive waits so far. */
  waits: number;
  nowMs: number;
  maxWaitMs: number;
  reconnectDelayMs: (attempt: number) => number;
}

export type Decision =
  | { action: "wait"; delayMs: number; notice: { level: "info" | "warn"; text: string } | null }
  | { action: "dispatch-again"; reason: string; notice: string | null }
  | { action: "give-up"; message: string }
  /** Store the grader's own verdict as the end. */
  | { action: "accept" };

export const errorVerdictRetries = 1;

const notCounted = "This does not count as an attempt";

export function decide(failure: Failure, state: RetryState): Decision {
  switch (failure.kind) {
    case "rejected":
      return { action: "give-up", message: `The grader refused this submission: ${failure.reason}` };
    case "busy":
    case "unreachable": {
      const busy = failure.kind === "busy";
      if (state.waitingSinceMs !== null && state.nowMs - state.waitingSinceMs > state.maxWaitMs) {
        return {
          action: "give-up",
          message: busy
            ? `The grader stayed full for too long. ${notCounted}; please grade again in a few minutes.`
            : `The grader could not be reached. ${notCounted}; please grade again in a few minutes.`,
        };
      }
      const notice = state.waits > 0 ? null : busy ? { level: "info" as const, text: "Every grading slot is taken; yours waits for the next one." } : { level: "warn" as const, text: "The grader is not answering; retrying." };
      return { action: "wait", delayMs: busy ? failure.retryAfterMs : state.reconnectDelayMs(state.waits), notice };
    }
    case "stream-broke":
      return { action: "dispatch-again", reason: failure.message, notice: `Lost the grader mid-grading (${failure.message}); starting over.` };
    case "error-verdict":
      if (state.errorRetries >= errorVerdictRetries || state.dispatches >= state.maxDispatches) return { action: "accept" };
      return { action: "dispatch-again", reason: `the grader could not grade it (${failure.verdict.message ?? "no reason given"}); grading once more`, notice: null };
  }
}

/** What a submission dispatched `dispatches` times ends with when the cap is reached. */
export function tooManyDispatches(dispatches: number, lastReason: string): string {
  return `The grading was started ${dispatches} times and never finished (${lastReason}). ${notCounted}; please grade again.`;
}
