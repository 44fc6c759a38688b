// GRADER_PROBE_VIA=container-ip, for a grader on the engine's side of the grading bridge: the whole grading
// passes with every probe sent to the container's own address. The bridge is one the grading itself made on this
// machine, so nothing leaves it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { readExerciseFolder } from "@/grader/files-on-disk";
import type { Grader } from "@/grader/grading/grader";
import { ensureTestBaseImage, requireEngine } from "@/grader/test-support/test-base-image";
import { grade, startTestGrader } from "@/grader/test-support/test-grader";

let grader: Grader;

beforeAll(async () => {
  await requireEngine();
  await ensureTestBaseImage();
  grader = await startTestGrader("probevia", { readyTimeoutMs: 10_000 }, { probeVia: "container-ip" });
});

afterAll(async () => {
  await grader?.close(0);
});

it("grades busybox-service to pass probing the container's own address", async () => {
  expect(grader.config.probeVia).toBe("container-ip");
  const exercise = await readExerciseFolder("grader/test-fixtures/exercises/busybox-service");
  const { verdict } = await grade(grader, exercise.spec, exercise.solution);
  const byId = Object.fromEntries(verdict.checks.map((c) => [c.id, c.status]));
  expect(verdict.status, JSON.stringify(verdict.checks)).toBe("pass");
  expect(byId).toMatchObject({ responds: "pass", "env-greeting": "pass" });
}, 120_000);
