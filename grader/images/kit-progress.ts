// Progress of one base image through its kit steps: step n of m, a percent and an ETA. The estimates are the
// durations the same steps took on the previous run (kept in the kit's cache), else rough figures measured on a
// 2-core machine with the package cache warm; a cold cache makes the first estimate low, never the second.
import fs from "node:fs/promises";
import path from "node:path";

export interface KitStep {
  id: string;
  label: string;
}

export interface ImageProgress {
  image: string;
  step: number;
  steps: number;
  label: string;
  percent: number;
  /** Seconds left by the estimates; null once the estimates are used up (the step runs longer than ever). */
  etaSeconds: number | null;
}

const progressTickMs = 2_000;

/** Fallbacks per step id, in ms, for an image the kit never built on this machine. */
const defaultEstimateMs: Record<string, number> = {
  packages: 90_000,
  npm: 20_000,
  wheels: 5_000,
  configure: 10_000,
  archive: 10_000,
  import: 10_000,
  smoke: 8_000,
  pull: 60_000,
};

/** The kit step that failed: which image, which step, and where its full log is. */
export class KitStepError extends Error {
  override name = "KitStepError";
  constructor(
    readonly image: string,
    readonly step: string,
    readonly logFile: string,
    cause: unknown,
  ) {
    super(`${image}: step "${step}" failed (log ${logFile}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export type StepTimings = Record<string, Record<string, number>>;

export async function readStepTimings(file: string): Promise<StepTimings> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as StepTimings;
  } catch {
    return {};
  }
}

export async function writeStepTimings(file: string, image: string, durations: Record<string, number>): Promise<void> {
  const all = await readStepTimings(file);
  all[image] = { ...all[image], ...durations };
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(`${file}.part`, JSON.stringify(all, null, 2));
  await fs.rename(`${file}.part`, file);
}

/** Runs an image's steps in order, timing each and reporting progress; a failing step becomes a KitStepError. */
export class StepRunner {
  private index = -1;
  private stepStarted = 0;
  readonly durations: Record<string, number> = {};

  constructor(
    private readonly image: string,
    private readonly steps: readonly KitStep[],
    private readonly previous: Record<string, number> | undefined,
    private readonly logFile: string,
    private readonly onProgress: (progress: ImageProgress) => void,
  ) {}

  private estimate(id: string): number {
    return this.previous?.[id] ?? defaultEstimateMs[id] ?? 5_000;
  }

  progress(now = Date.now()): ImageProgress {
    const current = this.steps[Math.max(this.index, 0)];
    const total = this.steps.reduce((sum, s) => sum + this.estimate(s.id), 0);
    const finished = this.steps.slice(0, Math.max(this.index, 0)).reduce((sum, s) => sum + this.estimate(s.id), 0);
    const inStep = current && this.index >= 0 ? Math.min(now - this.stepStarted, this.estimate(current.id) * 0.95) : 0;
    const overrun = current && this.index >= 0 && now - this.stepStarted > this.estimate(current.id);
    const done = finished + inStep;
    return {
      image: this.image,
      step: Math.max(this.index, 0) + 1,
      steps: this.steps.length,
      label: current?.label ?? "",
      percent: Math.min(99, Math.floor((done / total) * 100)),
      etaSeconds: overrun ? null : Math.ceil((total - done) / 1000),
    };
  }

  async run<T>(id: string, work: () => Promise<T>): Promise<T> {
    const at = this.steps.findIndex((s) => s.id === id);
    const step = this.steps[at];
    if (!step) throw new Error(`${this.image}: step "${id}" is not in its plan`);
    this.index = at;
    this.stepStarted = Date.now();
    this.onProgress(this.progress());
    // Percent and ETA move while a long step runs (debootstrap takes minutes on a cold cache).
    const ticker = setInterval(() => this.onProgress(this.progress()), progressTickMs);
    ticker.unref();
    try {
      const result = await work();
      this.durations[id] = Date.now() - this.stepStarted;
      return result;
    } catch (err) {
      throw new KitStepError(this.image, `${at + 1}/${this.steps.length} ${step.label}`, this.logFile, err);
    } finally {
      clearInterval(ticker);
    }
  }
}
