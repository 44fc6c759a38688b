// The golden suite (house style "Golden folders"): every exercise folder in content/ and in the grader's fixtures,
// graded on the real engine. The solution passes; the starter and every mistakes/<case>/ get the status
// expected.yaml states and fail at least the checks it names. A mistake folder without an expectation (or the
// reverse) fails too.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readExerciseFolder, readFileTree } from "@/grader/files-on-disk";
import type { FileMap } from "@/grader/contract";
import { parseDockerfile } from "@/grader/checks/dockerfile-model";
import type { Grader } from "@/grader/grading/grader";
import { ensureTestBaseImage, requireEngine, testDocker } from "@/grader/test-support/test-base-image";
import { grade, startTestGrader } from "@/grader/test-support/test-grader";
import { exerciseDirs, readExpected, type ExpectedOutcome } from "./expected-schema";

const roots = ["content", "grader/test-fixtures/exercises"];
const dirs = await exerciseDirs(roots);

let grader: Grader;

beforeAll(async () => {
  await requireEngine();
  await ensureTestBaseImage();
  grader = await startTestGrader("golden", { readyTimeoutMs: 20_000, buildTimeoutMs: 120_000 });
});

afterAll(async () => {
  await grader?.close(0);
});

/** Base images come from the offline kit; say so instead of letting the build fail obscurely. */
async function assertBaseImages(files: FileMap): Promise<void> {
  const model = files.Dockerfile ? parseDockerfile(files.Dockerfile) : null;
  for (const stage of model?.stages ?? []) {
    if (stage.from === "scratch" || model?.stageNamed(stage.from, stage.index)) continue;
    const present = await testDocker().getImage(stage.from).inspect().then(() => true, () => false);
    if (!present) throw new Error(`base image ${stage.from} is missing on this engine: run \`npm run grader:images\` first`);
  }
}

it("finds the exercises to walk", () => {
  expect(dirs.length).toBeGreaterThan(0);
});

describe.each(dirs)("%s", (dir) => {
  it("has an expectation for every mistake folder and a folder for every expectation", async () => {
    const expected = await readExpected(dir);
    const folders = (await fs.readdir(path.join(dir, "mistakes"), { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual(Object.keys(expected.mistakes).sort());
  });

  describe.concurrent("grades", async () => {
    const expected = await readExpected(dir);
    const cases: [string, string, ExpectedOutcome][] = [
      ["solution", path.join(dir, "solution"), expected.solution],
      ...(expected.starter ? [["starter", path.join(dir, "starter"), expected.starter] as [string, string, ExpectedOutcome]] : []),
      ...Object.entries(expected.mistakes).map(([name, outcome]) => [`mistakes/${name}`, path.join(dir, "mistakes", name), outcome] as [string, string, ExpectedOutcome]),
    ];
    it.each(cases)("%s", { timeout: 300_000 }, async (_name, caseDir, outcome) => {
      const exercise = await readExerciseFolder(dir);
      const files = await readFileTree(caseDir);
      await assertBaseImages(files);
      const { verdict } = await grade(grader, exercise.spec, files, exercise.starter);
      const failed = verdict.checks.filter((c) => c.status === "fail").map((c) => c.id);
      const summary = verdict.checks.map((c) => `${c.id}=${c.status}${c.status === "pass" ? "" : ` (${c.message})`}`).join("\n");
      expect(verdict.status, `${verdict.message ?? ""}\n${summary}`).toBe(outcome.status);
      for (const id of outcome.failing) expect(failed, `${id} should fail\n${summary}`).toContain(id);
    });
  });
});
