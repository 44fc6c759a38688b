// The engine going away mid-grading is ours: the build it cut off is not the learner's failure, so the verdict is
// `error` (not counted), not `fail`. The grader talks to the real engine through a unix-socket relay this test runs
// and cuts while the build is under way, then restores for the cleanup.
// A create cut off that way may still complete on the engine after the grading's cleanup looked for it (seen in CI:
// the grading's network, made beside the build); the grader's periodic sweep, set to 1 s here, removes it.
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ExerciseFolder } from "@/grader/contract/exercise-folder";
import { readExerciseFolder } from "@/grader/files-on-disk";
import type { GradingEvent } from "@/grader/contract";
import type { Grader } from "@/grader/grading/grader";
import { gradingLeftovers } from "@/grader/sandbox/image-store";
import { labels } from "@/grader/sandbox/labels";
import { ensureTestBaseImage, requireEngine, testDocker } from "@/grader/test-support/test-base-image";
import { startRelayedTestGrader, type EngineRelay } from "@/grader/test-support/engine-relay";

const name = "nengine";
let relay: EngineRelay;
let grader: Grader;
let close: () => Promise<void>;
let exercise: ExerciseFolder;

beforeAll(async () => {
  await ensureTestBaseImage(await requireEngine());
  exercise = await readExerciseFolder(path.resolve("grader/test-fixtures/exercises/busybox-service"));
  ({ relay, grader, close } = await startRelayedTestGrader(name, { limits: { leftoverSweepMs: 1_000 }, log: pino({ level: "silent" }) }));
}, 120_000);

afterAll(async () => {
  await close?.();
});

it("ends as error, not fail, when the engine stops answering during the build, and cleans up once it is back", async () => {
  const files = { ...exercise.solution };
  files.Dockerfile = (files.Dockerfile ?? "").replace(/^(FROM .*)$/m, `$1\nRUN sleep 5 # ${process.pid}-${Date.now()}`);
  const signal = new AbortController().signal;
  const events: GradingEvent[] = [];
  const emit = (event: GradingEvent) => {
    events.push(event);
    if (event.type === "step" && event.name === "build" && event.progress?.label.startsWith("RUN sleep") && !relay.isCut) relay.cut();
    // The verdict goes out before the cleanup: the engine is back in time for it.
    if (event.type === "verdict") relay.restore();
  };
  const verdict = await grader.run(grader.admit(signal), grader.prepare({ spec: exercise.spec, files }), { signal, emit });
  expect(events.some((e) => e.type === "step" && e.name === "build")).toBe(true);
  expect(verdict.checks.find((c) => c.id === "build")?.status).toBe("fail");
  expect(verdict.status).toBe("error");
  expect(verdict.message).toMatch(/engine stopped answering.*Nothing was counted/);
  await expect.poll(leftoverCount, { timeout: 15_000 }).toBe(0);
}, 120_000);

it("the periodic sweep removes what the engine made for a grading that has ended, and spares a running grading's", async () => {
  const files = { ...exercise.solution };
  files.Dockerfile = (files.Dockerfile ?? "").replace(/^(FROM .*)$/m, `$1\nRUN sleep 60 # ${process.pid}-${Date.now()}`);
  const abort = new AbortController();
  let building!: () => void;
  const sleeping = new Promise<void>((resolve) => (building = resolve));
  const emit = (event: GradingEvent) => {
    if (event.type === "step" && event.name === "build" && event.progress?.label.startsWith("RUN sleep")) building();
  };
  const running = grader.run(grader.admit(abort.signal), grader.prepare({ spec: exercise.spec, files }), { signal: abort.signal, emit });
  await sleeping;
  // Made beside the build: on a loaded machine the create may still be on its way when the step is reported.
  await expect.poll(async () => (await gradingLeftovers(testDocker(), name)).networks.length, { timeout: 15_000 }).toBe(1);
  const atStart = await gradingLeftovers(testDocker(), name);
  const orphan = await testDocker().createNetwork({ Name: `shipshape-${name}-ended-${process.pid}`, Labels: { [labels.grading]: `${name}-ended${process.pid}` } });
  await expect.poll(() => orphan.inspect().then(() => "present", () => "gone"), { timeout: 15_000 }).toBe("gone");
  const during = await gradingLeftovers(testDocker(), name);
  expect(during.networks.map((n) => n.Id)).toEqual(atStart.networks.map((n) => n.Id));
  abort.abort(new Error("the test has seen enough"));
  await running.catch(() => undefined);
  await expect.poll(leftoverCount, { timeout: 15_000 }).toBe(0);
}, 120_000);

async function leftoverCount(): Promise<number> {
  const left = await gradingLeftovers(testDocker(), name);
  return left.containers.length + left.networks.length;
}
