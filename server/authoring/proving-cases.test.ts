// How a proving run judges each case: the golden suite's rule (status as expected, named checks failing) plus the
// publishing gate's (reference passes, starter fails), with the sentence the publish refusal shows.
import { describe, expect, it } from "vitest";
import type { CheckResult, Verdict } from "@/grader/contract";
import { caseProblem, provingCases } from "./proving-cases";

const check = (id: string, status: CheckResult["status"], required = true): CheckResult => ({ id, title: id, required, status, message: `${id} ${status}` }) as CheckResult;
const verdict = (status: Verdict["status"], checks: CheckResult[], message?: string): Verdict =>
  ({ version: 1, exercise: "x", status, score: 0, checks, timings: { queuedMs: 0, buildMs: 0, runMs: 0, totalMs: 0 }, ...(message ? { message } : {}) }) as Verdict;

const cases = provingCases({
  solution: { Dockerfile: "s" },
  starter: { Dockerfile: "t" },
  mistakes: { "no-user": { Dockerfile: "m" } },
  expected: { solution: { status: "pass", failing: [] }, mistakes: { "no-user": { status: "fail", failing: ["user-non-root"], why: "root" } } },
});
const byKey = (key: string) => {
  const found = cases.find((c) => c.key === key);
  if (!found) throw new Error(key);
  return found;
};

describe("proving cases", () => {
  it("grades the reference twice, then the starter and each mistake case", () => {
    expect(cases.map((c) => c.key)).toEqual(["reference-1", "reference-2", "starter", "mistake:no-user"]);
    expect(byKey("starter").outcome).toEqual({ status: "fail", failing: [] });
  });

  it("names a mistake case that passes its check", () => {
    expect(caseProblem(byKey("mistake:no-user"), verdict("fail", [check("build", "pass"), check("user-non-root", "pass"), check("responds", "fail")]))).toBe(
      "mistake case 'no-user' passed user-non-root; it must fail",
    );
    expect(caseProblem(byKey("mistake:no-user"), verdict("fail", [check("user-non-root", "skip")]))).toBe("mistake case 'no-user' did not fail user-non-root (it was skip); it must fail");
    expect(caseProblem(byKey("mistake:no-user"), verdict("fail", [check("user-non-root", "fail")]))).toBeNull();
  });

  it("wants the reference to pass every required check and the starter to fail", () => {
    expect(caseProblem(byKey("reference-2"), verdict("fail", [check("build", "pass"), check("starts", "fail")]))).toBe(
      "the reference solution (grading 2 of 2) failed starts (starts fail); it must pass every required check",
    );
    expect(caseProblem(byKey("reference-1"), verdict("pass", [check("build", "pass"), check("healthy", "fail", false)]))).toBeNull();
    expect(caseProblem(byKey("starter"), verdict("pass", [check("build", "pass")]))).toBe("the starter passed every required check; it must fail");
  });

  it("says a case that was not gradable is not the exercise's fault", () => {
    expect(caseProblem(byKey("starter"), verdict("error", [], "the engine did not answer"))).toBe(
      "the starter was not gradable (not the exercise's fault; prove it again): the engine did not answer",
    );
  });
});
