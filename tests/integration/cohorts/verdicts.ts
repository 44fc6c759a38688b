// Stored gradings as the dispatcher writes them (a Submission row with the grader's verdict), for the cohort
// tests and bench/cohort-matrix.ts. The verdicts follow grader/contract's schema, parsed before they are stored,
// with the failing checks' evidence shaped as the grader's checks report it (grader/checks/build.ts, starts.ts).
import { verdictSchema, type CheckResult, type Verdict } from "@/grader/contract";
import type { PrismaClient } from "@/generated/prisma/client";
import { asJson } from "@/server/json-value";

const passing = (id: string): CheckResult => ({ id, title: id, required: true, status: "pass", message: `${id} passed` } as CheckResult);

/** The checks of first-service in order, every one passing except `failing` (and the ones after it skipped). */
export function verdictFailingAt(failing: CheckResult | null): Verdict {
  const order = ["dockerfile-valid", "build", "starts", "responds", "env-greeting"];
  const at = failing ? order.indexOf(failing.id) : order.length;
  const checks = order.map((id, i) => (i < at ? passing(id) : i === at && failing ? failing : ({ id, title: id, required: true, status: "skip", message: "skipped" } as CheckResult)));
  return verdictSchema.parse({ version: 1, exercise: "first-service", status: failing ? "fail" : "pass", score: failing ? at / order.length : 1, checks, image: null, timings: { queuedMs: 1, buildMs: 1, runMs: 1, totalMs: 3 } });
}

export const mistakes = {
  pipMissing: (line = 3): CheckResult => ({
    id: "build",
    title: "The image builds",
    required: true,
    status: "fail",
    message: `Step ${line}/5 (RUN pip install -r requirements.txt) failed: The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 127`,
    hint: "Read the failing step in the build log.",
    evidence: { failedStep: { index: line, total: 5, instruction: "RUN pip install -r requirements.txt", cached: false }, reason: "error", logTail: ["pip: not found"] },
  }),
  copyMissing: (): CheckResult => ({
    id: "build",
    title: "The image builds",
    required: true,
    status: "fail",
    message: "Step 2/5 (COPY requirements.txt .) failed: COPY failed: file not found in build context",
    hint: "Read the failing step in the build log.",
    evidence: { failedStep: { index: 2, total: 5, instruction: "COPY requirements.txt .", cached: false }, reason: "error", logTail: [] },
  }),
  exits: (code: number): CheckResult => ({
    id: "starts",
    title: "The container starts and keeps running",
    required: true,
    status: "fail",
    message: `The container exited with code ${code} instead of staying up.`,
    hint: "A container lives as long as its main process.",
    evidence: { exitCode: code, oomKilled: false, running: false, logTail: ["ModuleNotFoundError: No module named 'flask'"] },
  }),
};

export async function storeGrading(db: PrismaClient, userId: string, exerciseId: string, verdict: Verdict, createdAt: Date): Promise<string> {
  const status = verdict.status === "pass" ? "PASSED" : verdict.status === "fail" ? "FAILED" : "NOT_GRADABLE";
  const row = await db.submission.create({
    data: { userId, exerciseId, status, files: { Dockerfile: "FROM python:3.11-slim\n" }, verdict: asJson(verdict), score: verdict.score, createdAt, startedAt: createdAt, finishedAt: createdAt },
    select: { id: true },
  });
  return row.id;
}
