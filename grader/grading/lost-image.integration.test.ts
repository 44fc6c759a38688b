// The classic builder takes a cache hit without holding it: a cleanup running beside the build (this grader's
// cache trim after another grading, or another grader on the same engine) can delete that image between the
// builder finding it and tagging it, and the engine then keeps the tag for an image it no longer has (seen in CI:
// a passed build whose image was gone when the grading ran it). The grading must notice and build again, not
// judge the learner on checks that could not run. The relay this test runs between the grader and the real engine
// removes the image just as the engine reports it tagged, before the grader hears so.
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ExerciseFolder } from "@/grader/contract/exercise-folder";
import { readExerciseFolder } from "@/grader/files-on-disk";
import { ensureTestBaseImage, requireEngine, testDocker } from "@/grader/test-support/test-base-image";
import { startRelayedTestGrader } from "@/grader/test-support/engine-relay";
import { grade } from "@/grader/test-support/test-grader";

const name = "nlostimage";
const removed: string[] = [];
const warnings: string[] = [];
let armed = false;
let relayed: Awaited<ReturnType<typeof startRelayedTestGrader>>;
let exercise: ExerciseFolder;

beforeAll(async () => {
  await ensureTestBaseImage(await requireEngine());
  exercise = await readExerciseFolder(path.resolve("grader/test-fixtures/exercises/busybox-service"));
  relayed = await startRelayedTestGrader(name, {
    beforeReply: (text) => {
      const tagged = new RegExp(`Successfully tagged (shipshape-grading/${name}-[0-9a-f]+:image)`).exec(text)?.[1];
      if (!armed || !tagged) return undefined;
      armed = false;
      removed.push(tagged);
      return testDocker().getImage(tagged).remove({ force: true }).then(() => undefined);
    },
    log: pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) }),
  });
}, 120_000);

afterAll(async () => {
  await relayed?.close();
});

it("builds again when the image it just built is gone before the grading uses it, and passes", async () => {
  const files = { ...exercise.solution };
  // A layer of its own, so the image the relay removes is this grading's alone.
  files.Dockerfile = (files.Dockerfile ?? "").replace(/^(FROM .*)$/m, `$1\nRUN echo ${process.pid}-${Date.now()} > /built-by`);
  armed = true;
  const { verdict } = await grade(relayed.grader, exercise.spec, files);
  expect(removed).toHaveLength(1);
  const summary = verdict.checks.map((c) => `${c.id}=${c.status}${c.message ? ` (${c.message})` : ""}`).join("\n");
  expect(verdict.status, summary).toBe("pass");
  expect(warnings.some((w) => w.includes("building again"))).toBe(true);
}, 120_000);
