// The service process under SIGTERM, as a deploy or Ctrl+C stops it: it stops taking requests, lets a running
// grading finish within GRADER_SHUTDOWN_GRACE_MS, stops one that outlasts the grace with a verdict saying so, and
// exits 0 with nothing of its gradings left on the engine. Ports are in the grader tests' range (4100–4199).
import net from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ExerciseFolder } from "@/grader/contract/exercise-folder";
import { readExerciseFolder } from "@/grader/files-on-disk";
import { gradingEventSchema, type GradingEvent } from "@/grader/contract";
import { gradingLeftovers } from "./sandbox/image-store";
import { GraderProcess, graderToken } from "./test-support/grader-process";
import { ensureTestBaseImage, requireEngine, testDocker } from "./test-support/test-base-image";

let exercise: ExerciseFolder;
let service: GraderProcess | undefined;

beforeAll(async () => {
  await requireEngine();
  await ensureTestBaseImage();
  exercise = await readExerciseFolder("grader/test-fixtures/exercises/busybox-service");
});

afterEach(async () => {
  await service?.kill();
  service = undefined;
});

async function startService(name: string, port: number, graceMs: number): Promise<GraderProcess> {
  service = new GraderProcess(port, name, { GRADER_SHUTDOWN_GRACE_MS: String(graceMs), GRADER_IMAGE_CACHE_COUNT: "0" });
  await service.start();
  return service;
}

/** The busybox solution with a build step that takes `seconds`, so a signal can arrive mid-grading. */
function slowSolution(seconds: number) {
  const dockerfile = exercise.solution.Dockerfile ?? "";
  return { ...exercise.solution, Dockerfile: dockerfile.replace(/^(FROM .*)$/m, `$1\nRUN sleep ${seconds}`) };
}

/** Posts a grading and returns its events as they arrive; `untilBuild` resolves when the build has begun. */
async function startGrading(base: string, files: Record<string, string>) {
  const res = await fetch(`${base}/v1/gradings`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${graderToken}` },
    body: JSON.stringify({ spec: exercise.spec, files }),
  });
  expect(res.status).toBe(200);
  const events: GradingEvent[] = [];
  let sawBuild: () => void = () => undefined;
  const untilBuild = new Promise<void>((r) => (sawBuild = r));
  const done = (async () => {
    let buffered = "";
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += Buffer.from(chunk).toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines.filter((l) => l.trim() !== "")) {
        const event = gradingEventSchema.parse(JSON.parse(line));
        events.push(event);
        if (event.type === "step" && event.name === "build" && event.progress) sawBuild();
      }
    }
    return events;
  })();
  // Awaited by the test; this keeps an early assertion failure from also reporting the cut stream as unhandled.
  done.catch(() => undefined);
  return { untilBuild, done };
}

/** Opens a fresh TCP connection to the service: true when nothing listens any more. */
function newConnectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "ECONNREFUSED"));
  });
}

async function leftovers(name: string): Promise<number> {
  const { containers, networks } = await gradingLeftovers(testDocker(), name);
  return containers.length + networks.length;
}

describe("SIGTERM", () => {
  it("refuses new gradings, lets the running one finish, then exits 0 and leaves nothing behind", async () => {
    const grader = await startService("drain", 4160, 60_000);
    const grading = await startGrading(grader.url, slowSolution(3));
    await grading.untilBuild;
    grader.signal("SIGTERM");
    // The listening socket closes at once: a new connection (no pooled keep-alive one) is refused while the
    // running grading drains.
    await expect.poll(() => newConnectionRefused(4160), { timeout: 10_000 }).toBe(true);

    const events = await grading.done;
    const last = events.at(-1);
    expect(last?.type === "verdict" && last.verdict.status).toBe("pass");
    expect(await grader.exited()).toBe(0);
    expect(await leftovers("drain")).toBe(0);
  }, 120_000);

  it("stops a grading that outlasts the grace with an error verdict that says why, and still cleans up", async () => {
    const grader = await startService("graceout", 4161, 1_000);
    const grading = await startGrading(grader.url, slowSolution(120));
    await grading.untilBuild;
    grader.signal("SIGTERM");

    const events = await grading.done;
    const last = events.at(-1);
    expect(last?.type).toBe("verdict");
    if (last?.type !== "verdict") return;
    expect(last.verdict.status).toBe("error");
    expect(last.verdict.message).toMatch(/shutting down/);
    expect(await grader.exited()).toBe(0);
    expect(await leftovers("graceout")).toBe(0);
  }, 120_000);
});
