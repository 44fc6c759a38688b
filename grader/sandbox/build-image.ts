// One classic-builder build (engine 20.10, no BuildKit) from an in-memory context. The engine reports failure
// *inside* the 200 stream, so success is decided by the stream, not the HTTP status. Progress ("Step n/m : …")
// and cache hits are parsed as they arrive; the log is capped with a visible notice; a timeout aborts the
// request, which makes the engine cancel the step and remove its container (forcerm). Steps are contained like
// the learner's container: memory and CPU by build options, open files by ulimit, processes by the build's own
// cgroup parent, and what a step writes and the engine's free disk by a watchdog that stops the build past them.
import { randomBytes } from "node:crypto";
import type { ImageBuildOptions } from "dockerode";
import { ndjsonLines } from "@/grader/contract/ndjson-lines";
import type { Docker } from "./docker-client";
import { prepareBuildCgroup } from "./build-cgroup";
import { printableText } from "./printable-text";
import { engineFreeBytes, lowDiskMessage, watchBuild, type Breach } from "./build-watchdog";

export interface BuildLimits {
  buildTimeoutMs: number;
  buildMemoryBytes: number;
  buildCpus: number;
  buildLogMaxBytes: number;
  buildPids: number;
  buildDiskBytes: number;
  engineMinFreeBytes: number;
  openFiles: number;
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
  /** The engine's cgroup filesystem as the grader sees it (GRADER_CGROUP_FS). */
  cgroupFs: string;
  target?: string;
  dockerfile?: string;
  signal: AbortSignal;
  /** Shared by every build of a grading, so the learner sees at most buildLogMaxBytes in all. */
  logBudget: LogBudget;
  onLog?: (text: string) => void;
  onStep?: (step: BuildStep) => void;
  /** Each layer the build stands on as it goes (committed or taken from the cache), for the cache trim to spare. */
  onLayer?: (id: string) => void;
}

export type BuildResult =
  | { ok: true; imageId: string; tag: string; sizeBytes: number; steps: BuildStep[]; logTail: string[]; durationMs: number; stageLeaves: string[] }
  | {
      ok: false;
      /**
       * error: the build failed; timeout: it ran too long; limit: a step wrote past its bound; refused: the Dockerfile
       * names a source the grader will not build from; unavailable: the engine cannot build now (our fault).
       */
      reason: "error" | "timeout" | "limit" | "refused" | "unavailable";
      message: string;
      failedStep: BuildStep | null;
      steps: BuildStep[];
      logTail: string[];
      durationMs: number;
      /** Images this failed build left (its last layer, earlier stages' results); the session claims the untagged ones. */
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
  const free = await engineFreeBytes(docker).catch(() => null);
  if (free !== null && free < req.limits.engineMinFreeBytes) return notBuilt("unavailable", `The grader cannot build now: ${lowDiskMessage(free, req.limits)}. That is our fault, not yours: nothing was counted.`);
  const cgroup = await prepareBuildCgroup(req.cgroupFs, `${req.tag.replace(/[^a-zA-Z0-9]+/g, "-")}-${randomBytes(3).toString("hex")}`, req.limits.buildPids);
  let breach: Breach | undefined;
  const stopForLimit = new AbortController();
  const watchdog = watchBuild(docker, {
    cgroupParent: cgroup.parent,
    pidsPreset: cgroup.preset,
    limits: req.limits,
    onBreach: (b) => {
      breach = b;
      stopForLimit.abort();
    },
  });
  try {
    return await runBuild(docker, req, cgroup.parent, stopForLimit.signal, () => breach);
  } finally {
    await watchdog.stop();
    cgroup.remove();
  }
}

/** A build that never reached the engine. */
export const notBuilt = (reason: "refused" | "unavailable", message: string): BuildResult => ({ ok: false, reason, message, failedStep: null, steps: [], logTail: [], durationMs: 0, dangling: [] });

async function runBuild(docker: Docker, req: BuildRequest, cgroupParent: string, limitSignal: AbortSignal, breach: () => Breach | undefined): Promise<BuildResult> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(req.limits.buildTimeoutMs);
  const signal = AbortSignal.any([req.signal, timeout, limitSignal]);
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
      error = printableText(msg.errorDetail?.message ?? msg.error ?? "build failed");
      log(`${error}\n`);
      return;
    }
    if (msg.aux?.ID) imageId = msg.aux.ID;
    const text = printableText(msg.stream ?? (msg.status ? `${msg.status}\n` : ""));
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
      if (layer?.[1]) {
        lastLayer = layer[1];
        req.onLayer?.(layer[1]);
      }
    }
    log(text);
  };

  try {
    // @types/dockerode lacks the engine's cgroupparent and ulimits build options; both go on the query as given.
    const options: ImageBuildOptions & { cgroupparent: string; ulimits: string } = {
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
      cgroupparent: cgroupParent,
      // The API reads ulimits as a JSON list; dockerode would spread an array into repeated query keys.
      ulimits: JSON.stringify([{ Name: "nofile", Soft: req.limits.openFiles, Hard: req.limits.openFiles }]),
      abortSignal: signal,
    };
    const stream = await docker.buildImage(req.context as unknown as NodeJS.ReadableStream, options);
    for await (const line of ndjsonLines(stream)) {
      try {
        handle(JSON.parse(line) as BuildMessage);
      } catch {
        log(printableText(`${line}\n`));
      }
    }
  } catch (err) {
    if (!signal.aborted) error = `the engine refused the build: ${err instanceof Error ? err.message : String(err)}`;
  }

  const durationMs = Math.round(performance.now() - started);
  const stoppedBy = breach();
  if (stoppedBy) {
    return {
      ok: false,
      reason: stoppedBy.kind === "step-disk" ? "limit" : "unavailable",
      message: stoppedBy.kind === "step-disk" ? stoppedBy.message : `${stoppedBy.message}. That is our fault, not yours: nothing was counted.`,
      failedStep: steps.at(-1) ?? null,
      steps,
      logTail: tail,
      durationMs,
      dangling: danglingOf(lastLayer, stageLeaves),
    };
  }
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
  // The builder holds no cache hit it takes: a cleanup beside it can delete the image between the builder finding
  // it and tagging it, and the engine then keeps our tag for an image it no longer has. Only asking tells.
  const sizeBytes = await docker
    .getImage(req.tag)
    .inspect()
    .then((info) => info.Size, () => null);
  if (sizeBytes === null) {
    return { ok: false, reason: "error", message: `${lostImage} (${imageId})`, failedStep: null, steps, logTail: tail, durationMs, dangling: danglingOf(lastLayer, stageLeaves) };
  }
  return { ok: true, imageId, tag: req.tag, sizeBytes, steps, logTail: tail, durationMs, stageLeaves };
}

const danglingOf = (last: string | undefined, leaves: string[]): string[] => [...(last ? [last] : []), ...leaves];

const lostImage = "the engine lost the image as the build tagged it";

/** The engine lost a cached image under the build (removed by a cleanup racing it): not the learner's doing. */
export const isCacheRace = (message: string): boolean =>
  message.startsWith(lostImage) || /unknown parent image ID|No such image|failed to get digest|unable to find image "?sha256:/i.test(message);
