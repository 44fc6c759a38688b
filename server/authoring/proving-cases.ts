// The cases of a proving run and how each is judged (issue 16: "publishing is gated by real gradings"). The rule is
// the golden suite's (grader/golden): a case gets the status its expected outcome states and fails at least the checks
// it names — plus what publishing adds: the reference solution is graded twice and must pass both times (a flaky check
// is caught before learners meet it), and the starter must fail. Pure, so the judgement is tested without a grader.
import type { ExpectedOutcome, Expected } from "@/grader/contract/exercise-cases";
import type { FileMap, Verdict } from "@/grader/contract";

export interface ProvingCase {
  /** Stored on the grading: "reference-1", "reference-2", "starter", "mistake:<case>". */
  key: string;
  /** How messages name it. */
  label: string;
  files: FileMap;
  outcome: ExpectedOutcome;
}

export const referenceRuns = 2;

export function provingCases(revision: { solution: FileMap; starter: FileMap; mistakes: Record<string, FileMap>; expected: Expected }): ProvingCase[] {
  const references = Array.from({ length: referenceRuns }, (_, i) => ({
    key: `reference-${i + 1}`,
    label: `the reference solution (grading ${i + 1} of ${referenceRuns})`,
    files: revision.solution,
    outcome: { status: "pass" as const, failing: [] },
  }));
  return [
    ...references,
    { key: "starter", label: "the starter", files: revision.starter, outcome: revision.expected.starter ?? { status: "fail", failing: [] } },
    ...Object.entries(revision.mistakes).map(([name, files]) => ({
      key: `mistake:${name}`,
      label: `mistake case '${name}'`,
      files,
      outcome: revision.expected.mistakes[name] ?? { status: "fail" as const, failing: [] },
    })),
  ];
}

/** Why the case's verdict is not what it must be, or null when it is. */
export function caseProblem(provingCase: Pick<ProvingCase, "key" | "label" | "outcome">, verdict: Verdict): string | null {
  const { label, outcome } = provingCase;
  if (verdict.status === "error") return `${label} was not gradable (not the exercise's fault; prove it again): ${verdict.message ?? "no reason given"}`;
  const statusOf = (id: string) => verdict.checks.find((c) => c.id === id)?.status ?? "missing";
  for (const id of outcome.failing) {
    const status = statusOf(id);
    if (status === "fail") continue;
    if (status === "pass") return `${label} passed ${id}; it must fail`;
    return `${label} did not fail ${id} (it was ${status === "missing" ? "not run" : status}); it must fail`;
  }
  if (verdict.status === outcome.status) return null;
  if (outcome.status === "pass") {
    const failed = verdict.checks.find((c) => c.required && c.status !== "pass");
    return `${label} failed ${failed ? `${failed.id} (${failed.message})` : "its grading"}; it must pass every required check`;
  }
  return `${label} passed every required check; it must fail`;
}
