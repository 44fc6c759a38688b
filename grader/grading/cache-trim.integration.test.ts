// The image cache stays bounded under steady load: the trim after each grading runs while others build, and spares
// the image a running build stands on. Grading A rebuilds the kept image X with one slow step appended, so A's
// step runs on X itself; B1 and B2 finish meanwhile. With a cap of one image, B1's image must be gone while A
// still builds (the trim ran under load), X must still be there, and A must build at once — no "unknown parent
// image" and no second attempt. While a step's container runs, the engine itself refuses to remove its image; the
// guard is for the instant between a cache hit and the next step's container, which no test can hold open, so
// the guard's reach (what removing an image would prune) is asserted on its own against the engine.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readExerciseFolder } from "@/grader/files-on-disk";
import type { ExerciseSpec, FileMap, GradingEvent, Verdict } from "@/grader/contract";
import type { Grader } from "@/grader/grading/grader";
import { listGradingImages, safeToRemove } from "@/grader/sandbox/image-store";
import { InUse } from "./in-use";
import { ensureTestBaseImage, requireEngine, testBaseImage, testDocker } from "@/grader/test-support/test-base-image";
import { grade, startTestGrader } from "@/grader/test-support/test-grader";

const name = "xtrim";
let grader: Grader;
let spec: ExerciseSpec;
let solution: FileMap;

beforeAll(async () => {
  await requireEngine();
  await ensureTestBaseImage();
  const exercise = await readExerciseFolder("grader/test-fixtures/exercises/busybox-service");
  spec = { ...exercise.spec, checks: exercise.spec.checks.filter((c) => c.id === "dockerfile-valid" || c.id === "build") };
  solution = exercise.solution;
  grader = await startTestGrader(name, { imageCacheCount: 1, concurrency: 3 });
});

afterAll(async () => {
  await grader?.close(0);
  for (const img of await listGradingImages(testDocker(), name)) {
    for (const tag of img.RepoTags ?? []) await testDocker().getImage(tag).remove().catch(() => undefined);
  }
});

/** Tags of this grader's kept images, by the `case` label each test Dockerfile sets. */
async function keptCases(): Promise<string[]> {
  const images = await listGradingImages(testDocker(), name);
  return images.map((i) => i.Labels?.case ?? "?").sort();
}

/** Removing X would prune X and its untagged parents, never past a tagged image such as the base. */
async function expectGuardReach(): Promise<void> {
  const docker = testDocker();
  const [x] = await listGradingImages(docker, name);
  const tag = x?.RepoTags?.[0] ?? "";
  const parent = (await docker.getImage(tag).inspect()).Parent;
  const base = (await docker.getImage(testBaseImage).inspect()).Id;
  const holding = (layer: string) => {
    const guard = new InUse();
    guard.holdLayer("build", layer.replace(/^sha256:/, ""));
    return safeToRemove(docker, tag, guard);
  };
  expect(await holding(x?.Id ?? "")).toBe(false);
  expect(await holding(parent)).toBe(false);
  expect(await holding(base)).toBe(true);
  expect(await safeToRemove(docker, tag, new InUse())).toBe(true);
}

it("trims while a grading builds, sparing the image that build stands on", { timeout: 180_000 }, async () => {
  // A step of this run only, so X's parent layer is X's own (untagged) and not shared with another test's image.
  const xDockerfile = `${solution.Dockerfile ?? ""}RUN echo ${randomBytes(6).toString("hex")}\nLABEL case=x\n`;
  const x = await grade(grader, spec, { ...solution, Dockerfile: xDockerfile });
  expect(x.verdict.status).toBe("pass");
  expect(await keptCases()).toEqual(["x"]);
  await expectGuardReach();

  const events: GradingEvent[] = [];
  let onSlowStep: () => void = () => undefined;
  const slowStepStarted = new Promise<void>((resolve) => (onSlowStep = resolve));
  const signal = new AbortController().signal;
  const aFiles = { ...solution, Dockerfile: `${xDockerfile}RUN sleep 20\nLABEL case=a\n` };
  const a: Promise<Verdict> = grader.run(grader.admit(signal), grader.prepare({ spec, files: aFiles }), {
    signal,
    emit: (e) => {
      events.push(e);
      if (e.type === "log" && e.text.includes("RUN sleep 20")) onSlowStep();
    },
  });
  await slowStepStarted;

  for (const c of ["b1", "b2"]) {
    const b = await grade(grader, spec, { ...solution, Dockerfile: `FROM ${testBaseImage}\nLABEL case=${c}\n` });
    expect(b.verdict.status).toBe("pass");
    // The engine lists an image's creation in whole seconds, and two images of one second are equally new to the
    // trim: B2 is built in a later second than B1 so that "newest kept" names one of them.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  }
  // A still builds: B1 went beyond the cap of one; X stays, as A's running step stands on it.
  expect(events.some((e) => e.type === "verdict")).toBe(false);
  expect(await keptCases()).toEqual(["b2", "x"]);

  const verdict = await a;
  expect(verdict.status, verdict.checks.map((c) => `${c.id}: ${c.message}`).join("\n")).toBe("pass");
  const buildLog = events.flatMap((e) => (e.type === "log" && e.source === "build" ? [e.text] : [])).join("");
  expect(buildLog.match(/Step 1\//g)).toHaveLength(1);
  // Once nothing runs, the cap holds exactly.
  expect(await keptCases()).toEqual(["a"]);
});

it("removes a failed build's layer by a tag of its own while other gradings build, sparing one a running build stands on", { timeout: 180_000 }, async () => {
  // By id the engine would delete an image with one tag together with that tag, even one a build had just tagged as
  // its result; so the layer gets the failed grading's tag, and removing that tag deletes only what nothing else holds.
  const marker = randomBytes(6).toString("hex");
  let onSlowStep: () => void = () => undefined;
  const slowStepStarted = new Promise<void>((resolve) => (onSlowStep = resolve));
  let slowEnded = false;
  const signal = new AbortController().signal;
  // Stands on the layer `RUN echo <marker>` makes; long enough for both failing gradings to run inside it.
  const slow = grader.run(grader.admit(signal), grader.prepare({ spec, files: { ...solution, Dockerfile: `FROM ${testBaseImage}\nRUN echo ${marker} > /shared\nRUN sleep 20\n` } }), {
    signal,
    emit: (e) => {
      if (e.type === "log" && e.text.includes("RUN sleep 20")) onSlowStep();
      if (e.type === "verdict") slowEnded = true;
    },
  });
  await slowStepStarted;

  const lastLayerOf = async (dockerfile: string): Promise<string> => {
    const failed = await grade(grader, spec, { ...solution, Dockerfile: dockerfile });
    expect(failed.verdict.checks.find((c) => c.id === "build")?.status).toBe("fail");
    const log = failed.events.flatMap((e) => (e.type === "log" && e.source === "build" ? [e.text] : [])).join("");
    return [...log.matchAll(/---> ([0-9a-f]{12})\b/g)].at(-1)?.[1] ?? "";
  };
  const present = (layer: string) => testDocker().getImage(layer).inspect().then(() => true, () => false);
  // Its own layer: gone with the failed grading's trim, though the slow grading still builds.
  const own = await lastLayerOf(`FROM ${testBaseImage}\nRUN echo ${marker}-own > /marker\nRUN false\n`);
  expect(own).not.toBe("");
  expect(await present(own)).toBe(false);
  // The layer the slow build stands on, reached from the cache: kept while that build runs.
  const shared = await lastLayerOf(`FROM ${testBaseImage}\nRUN echo ${marker} > /shared\nRUN false\n`);
  expect(shared).not.toBe("");
  expect(slowEnded).toBe(false);
  expect(await present(shared)).toBe(true);

  expect((await slow).status).toBe("pass");
  // Nothing runs now: the cap of one keeps the slow grading's image, which the shared layer is part of; nothing of
  // the failed gradings is left under a tag of this grader.
  expect(await present(shared)).toBe(true);
  const tags = (await listGradingImages(testDocker(), name)).flatMap((i) => i.RepoTags ?? []);
  expect(tags.filter((t) => t.includes("-left-"))).toEqual([]);
});
