import { describe, expect, it } from "vitest";
import { notGradableVerdict } from "@/lib/grading/submission-events";
import { decide, type RetryState } from "./retry-policy";

const state = (over: Partial<RetryState> = {}): RetryState => ({
  dispatches: 1,
  maxDispatches: 3,
  errorRetries: 0,
  waitingSinceMs: null,
  waits: 0,
  nowMs: 1_000_000,
  maxWaitMs: 60_000,
  reconnectDelayMs: (n) => 100 * 2 ** n,
  ...over,
});

describe("retry policy", () => {
  const error = { kind: "error-verdict" as const, verdict: notGradableVerdict("x", "the lesson image is missing") };

  it("grades an error verdict once more, then accepts it", () => {
    expect(decide(error, state())).toEqual({ action: "dispatch-again", reason: "the grader could not grade it (the lesson image is missing); grading once more", notice: null });
    expect(decide(error, state({ dispatches: 2, errorRetries: 1 }))).toEqual({ action: "accept" });
    // No dispatch left: the error is shown as it is.
    expect(decide(error, state({ dispatches: 3 }))).toEqual({ action: "accept" });
  });

  it("dispatches again after a broken stream, saying why", () => {
    expect(decide({ kind: "stream-broke", message: "socket reset" }, state())).toMatchObject({ action: "dispatch-again", reason: "socket reset" });
  });

  it("waits for a busy or unreachable grader, telling the learner once, and gives up after maxWaitMs", () => {
    expect(decide({ kind: "busy", retryAfterMs: 5_000 }, state())).toMatchObject({ action: "wait", delayMs: 5_000, notice: { level: "info" } });
    expect(decide({ kind: "unreachable" }, state({ waits: 2, waitingSinceMs: 999_000 }))).toEqual({ action: "wait", delayMs: 400, notice: null });
    const gaveUp = decide({ kind: "unreachable" }, state({ waits: 9, waitingSinceMs: 900_000 }));
    expect(gaveUp.action === "give-up" && gaveUp.message).toMatch(/could not be reached. This does not count as an attempt/);
  });

  it("gives up at once when the grader refused the request", () => {
    expect(decide({ kind: "rejected", reason: "files too large" }, state())).toEqual({ action: "give-up", message: "The grader refused this submission: files too large" });
  });
});
