// One classic-builder build (engine 20.10, no BuildKit) from an in-memory context. The engine reports failure
// *inside* the 200 stream, so success is decided by the stream, not the HTTP status. Progress ("Step n/m : …")
// and cache hits are parsed as they arrive; the log is capped with a visible notice; a timeout aborts the
// request, which makes the engine cancel the step and remove its container (forcerm).
import type { Docker } from "./docker-client";

export interface BuildLimits {
  buildTimeoutMs: number;
  buildMemoryBytes: number;
  buildCpus: number;
  buildLogMaxBytes: number;
}

export interface LogBudget {
  remaining: number;
  truncated: boolean;
}

export interface BuildStep {
  index: number;
  total: number;
  instruction: string;
  cached: boolean;
}

export interface BuildRequest {
  context: Buffer;
  tag: string;
  network: string;
  limits: BuildLimits;
  target?: string;
  dockerfile?: string;
  signal: AbortSignal;
  /** Shared by every build of a grading, so the learner sees at most buildLogMaxBytes in all. */
  logBudget: LogBudget;
  onLog?: (text: string) => void;
  onStep?: (step: BuildStep) => void;
}

export type BuildResult =
  | { ok: true; imageId: string; tag: string; steps: BuildStep[]; logTail: string[]; durationMs: number; stageLeaves: string[] }
  | {
      ok: false;
      reason: "error" | "timeout";
      message: string;
      failedStep: BuildStep | null;
      steps: BuildStep[];
      logTail: string[];
      durationMs: number;
      /** Untagged images this failed build left; removable once no other build could be using them as cache. */
      dangling: string[];
    };

interface BuildMessage {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

const tailLines = 30;
const stepLine = /^Step (\d+)\/(\d+) : (.*)$/;

export async function buildImage(docker: Docker, req: BuildRequest): Promise<BuildResult> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(req.limits.buildTimeoutMs);
  const signal = AbortSignal.any([req.signal, timeout]);
  const steps: BuildStep[] = [];
  const tail: string[] = [];
  let error: string | undefined;
  let imageId: string | undefined;
  /** The last layer the builder committed, so a failed build's dangling layers can be removed. */
  let lastLayer: string | undefined;
  /**
   * The last image of each earlier stage. The classic builder leaves them untagged and they are no parent of the
   * final image, so without a tag they would pile up as dangling images; the session tags them as its own.
   */
  const stageLeaves: string[] = [];

  const log = (text: string) => {
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      tail.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
      if (tail.length > tailLines) tail.shift();
    }
    const budget = req.logBudget;
    if (!req.onLog || budget.truncated) return;
    budget.remaining -= Buffer.byteLength(text);
    if (budget.remaining < 0) {
      budget.truncated = true;
      req.onLog(`[build log truncated after ${req.limits.buildLogMaxBytes} bytes; the build goes on]\n`);
      return;
    }
    req.onLog(text);
  };

  const handle = (msg: BuildMessage) => {
    if (msg.error || msg.errorDetail) {
      error = msg.errorDetail?.message ?? msg.error ?? "build failed";
      log(`${error}\n`);
      return;
    }
    if (msg.aux?.ID) imageId = msg.aux.ID;
    const text = msg.stream ?? (msg.status ? `${msg.status}\n` : "");
    if (!text) return;
    const trimmed = text.trim();
    const step = stepLine.exec(trimmed);
    if (step) {
      const s: BuildStep = { index: Number(step[1]), total: Number(step[2]), instruction: step[3] ?? "", cached: false };
      if (s.index > 1 && /^FROM\s/i.test(s.instruction) && lastLayer) stageLeaves.push(lastLayer);
      steps.push(s);
      req.onStep?.(s);
    } else if (trimmed === "---> Using cache") {
      const last = steps.at(-1);
      if (last) last.cached = true;
    } else {
      const layer = /^---> ([0-9a-f]{12,})$/.exec(trimmed);
      if (layer) lastLayer = layer[1];
    }
    log(text);
  };

  try {
    const stream = await docker.buildImage(req.context as unknown as NodeJS.ReadableStream, {
      t: req.tag,
      ...(req.target ? { target: req.target } : {}),
      dockerfile: req.dockerfile ?? "Dockerfile",
      rm: true,
      forcerm: true,
      pull: false,
      networkmode: req.network,
      memory: req.limits.buildMemoryBytes,
      memswap: req.limits.buildMemoryBytes,
      cpuperiod: 100_000,
      cpuquota: Math.round(req.limits.buildCpus * 100_000),
      abortSignal: signal,
    });
    let pending = "";
    await new Promise<void>((resolve, reject) => {
      stream.on("data", (chunk: Buffer) => {
        pending += chunk.toString("utf8");
        let nl: number;
        while ((nl = pending.indexOf("\n")) >= 0) {
          const line = pending.slice(0, nl).trim();
          pending = pending.slice(nl + 1);
          if (!line) continue;
          try {
            handle(JSON.parse(line) as BuildMessage);
          } catch {
            log(`${line}\n`);
          }
        }
      });
      stream.on("end", resolve);
      stream.on("error", reject);
      stream.on("close", resolve);
    });
  } catch (err) {
    if (!signal.aborted) error = `the engine refused the build: ${err instanceof Error ? err.message : String(err)}`;
  }

  const durationMs = Math.round(performance.now() - started);
  if (signal.aborted) {
    const byTimeout = timeout.aborted;
    return {
      ok: false,
      reason: "timeout",
      message: byTimeout ? `the build did not finish within ${Math.round(req.limits.buildTimeoutMs / 1000)} s` : "the grading was cancelled during the build",
      failedStep: steps.at(-1) ?? null,
      steps,
      logTail: tail,
      durationMs,
      dangling: danglingOf(lastLayer, stageLeaves),
    };
  }
  if (error || !imageId) {
    return { ok: false, reason: "error", message: error ?? "the build ended without an image", failedStep: steps.at(-1) ?? null, steps, logTail: tail, durationMs, dangling: danglingOf(lastLayer, stageLeaves) };
  }
  return { ok: true, imageId, tag: req.tag, steps, logTail: tail, durationMs, stageLeaves };
}

const danglingOf = (last: string | undefined, leaves: string[]): string[] => [...(last ? [last] : []), ...leaves];

/** The engine lost a cached parent under the build (removed by a cleanup racing it): not the learner's doing. */
export const isCacheRace = (message: string): boolean => /unknown parent image ID|No such image/i.test(message);
