import "server-only";
// "Works on my machine" explained up front: the engine, base images and limits of the grader that will build the
// learner's Dockerfile, as its /healthz reports them, so the page cannot drift from what the grader enforces.
import type { GraderEnvironment } from "@/grader/contract";
import { fileLimits, formatBytes } from "@/lib/grading/file-rules";
import { graderEndpoint } from "./grading-service";
import { graderHealth } from "./grader-client";

export interface GradingEnvironment {
  /** What the grader reported; null while it is not answering (gradings then wait for it). */
  grader: Pick<GraderEnvironment, "engine" | "baseImages"> | null;
  limits: string[];
}

const seconds = (ms: number) => (ms % 60_000 === 0 && ms >= 120_000 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`);
const cpus = (n: number) => `${n} CPU${n === 1 ? "" : "s"}`;

export function describeLimits(env: GraderEnvironment): string[] {
  const l = env.limits;
  return [
    env.buildNetwork === "none"
      ? "No network during the build or the run: RUN pip install / npm install must use what the base image has; ADD <url> is refused."
      : "The build may use the network; the running app has none.",
    "Classic builder (no BuildKit): no RUN --mount and no heredocs.",
    `Build: ${seconds(l.buildTimeoutMs)}, ${formatBytes(l.buildMemoryBytes)} memory, ${cpus(l.buildCpus)}. ` +
      `Run: ${formatBytes(l.runMemoryBytes)}, ${cpus(l.runCpus)}, ${l.runPids} processes, all capabilities dropped; ` +
      `${seconds(l.readyTimeoutMs)} to become ready; ${seconds(l.gradingTimeoutMs)} for the whole grading.`,
  ];
}

export async function gradingEnvironment(): Promise<GradingEnvironment> {
  const health = await graderHealth(graderEndpoint);
  const upload = `Upload: at most ${fileLimits.maxFiles} files and ${formatBytes(fileLimits.maxTotalBytes)} of text.`;
  if (!health?.ok) return { grader: null, limits: [upload] };
  return { grader: { engine: health.engine, baseImages: health.baseImages }, limits: [...describeLimits(health), upload] };
}
