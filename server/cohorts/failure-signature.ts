// What makes two failing attempts "the same mistake", so a cohort's latest attempts group into clusters: the
// required check that failed first, then what it saw — the failing build step and its exit code, the container's
// exit code, the probe's answer — with what differs between runs of one mistake (line numbers, random greetings,
// durations, ids) taken out. The stored verdict's check (grader/contract) is the only input.
import type { CheckResult } from "@/grader/contract";

/** The parts of a failing check a signature reads; a stored verdict may carry more, or less for older versions. */
export type FailingCheck = Pick<CheckResult, "id" | "message"> & Partial<Pick<CheckResult, "title" | "hint" | "evidence">>;

/** Numbers, quoted values and hex ids vary between runs of one mistake; the words around them do not. */
export function normalizeText(text: string): string {
  return text
    .replace(/"[^"]*"|'[^']*'/g, "…")
    // NAME=value: the value the grader chose for this run (a random GREETING), not the learner's mistake.
    .replace(/=[^\s,;]+/g, "=…")
    .replace(/\b[0-9a-f]{12,64}\b/gi, "<id>")
    .replace(/\d+(\.\d+)?/g, "#")
    .replace(/\s+/g, " ")
    .trim();
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The instruction of a build step without its arguments' variable parts, e.g. `RUN pip install -r requirements.txt`. */
function instructionOf(step: unknown): string | null {
  const instruction = record(step)?.instruction;
  return typeof instruction === "string" ? instruction.replace(/\s+/g, " ").trim().slice(0, 120) : null;
}

function exitCodeIn(message: string): string | null {
  return /non-zero code: (\d+)/.exec(message)?.[1] ?? null;
}

/** A short label for what the check saw; equal labels mean the same mistake. */
export function failureSignature(check: FailingCheck): string {
  const evidence = record(check.evidence) ?? {};
  switch (check.id) {
    case "build": {
      const step = instructionOf(evidence.failedStep);
      const code = exitCodeIn(check.message);
      if (step) return `${step}${code ? ` → exit code ${code}` : " failed"}`;
      return normalizeText(check.message);
    }
    case "starts": {
      if (evidence.oomKilled === true) return "killed: out of memory";
      if (typeof evidence.exitCode === "number") return `exited with code ${evidence.exitCode}`;
      return normalizeText(check.message);
    }
    case "responds": {
      const got = record(evidence.got);
      if (got && typeof got.status === "number") return `answered HTTP ${got.status}`;
      if (Array.isArray(evidence.listening)) return "listens on another address or port";
      if (typeof evidence.error === "string") return `no HTTP answer (${normalizeText(evidence.error)})`;
      return normalizeText(check.message);
    }
    default:
      return normalizeText(check.message);
  }
}
