import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { KitStepError, readStepTimings, StepRunner, writeStepTimings, type ImageProgress } from "./kit-progress";

afterEach(() => {
  vi.useRealTimers();
});

const steps = [
  { id: "packages", label: "Debian packages" },
  { id: "import", label: "docker import" },
];

describe("StepRunner", () => {
  it("reports step n of m with a percent and an ETA from the previous run's durations", async () => {
    vi.useFakeTimers({ now: 0 });
    const seen: ImageProgress[] = [];
    const runner = new StepRunner("python:3.11-slim", steps, { packages: 60_000, import: 20_000 }, "/x.log", (p) => seen.push(p));
    let finish: () => void = () => undefined;
    const running = runner.run("packages", () => new Promise<void>((r) => (finish = r)));
    expect(seen[0]).toEqual({ image: "python:3.11-slim", step: 1, steps: 2, label: "Debian packages", percent: 0, etaSeconds: 80 });
    vi.setSystemTime(30_000);
    expect(runner.progress()).toMatchObject({ percent: 37, etaSeconds: 50 });
    // Past its estimate the step is never shown as done, and the ETA is withdrawn rather than wrong.
    vi.setSystemTime(90_000);
    expect(runner.progress()).toMatchObject({ step: 1, percent: 71, etaSeconds: null });
    finish();
    await running;
    expect(runner.durations.packages).toBe(90_000);
    await runner.run("import", () => Promise.resolve());
    expect(seen.at(-1)).toMatchObject({ step: 2, label: "docker import", percent: 75, etaSeconds: 20 });
  });

  it("turns a failing step into an error naming the image, the step and the log file", async () => {
    const runner = new StepRunner("golang:1.22", steps, undefined, ".data/images-cache/logs/golang_1.22.log", () => undefined);
    const err = await runner.run("import", () => Promise.reject(new Error("docker import exited with 1"))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KitStepError);
    expect((err as Error).message).toBe('golang:1.22: step "2/2 docker import" failed (log .data/images-cache/logs/golang_1.22.log): docker import exited with 1');
  });
});

describe("step timings", () => {
  it("keeps each image's durations across runs, merging the steps a shorter run took", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "kit-timings-"));
    try {
      const file = path.join(dir, "timings.json");
      expect(await readStepTimings(file)).toEqual({});
      await writeStepTimings(file, "busybox", { packages: 1_000, import: 2_000 });
      await writeStepTimings(file, "busybox", { import: 3_000 });
      await writeStepTimings(file, "python:3.11", { packages: 60_000 });
      expect(await readStepTimings(file)).toEqual({ busybox: { packages: 1_000, import: 3_000 }, "python:3.11": { packages: 60_000 } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
