import { describe, expect, it } from "vitest";
import { attemptNumbers, countsAsAttempt } from "./submission-status";

describe("attempt counting", () => {
  it("numbers counted attempts from the oldest and leaves not-gradable ones out", () => {
    const newestFirst = (["RUNNING", "NOT_GRADABLE", "FAILED", "NOT_GRADABLE", "PASSED", "FAILED"] as const).map((status) => ({ status }));
    expect(attemptNumbers(newestFirst)).toEqual([4, null, 3, null, 2, 1]);
    expect(countsAsAttempt("NOT_GRADABLE")).toBe(false);
    expect(countsAsAttempt("QUEUED")).toBe(true);
  });
});
