// The grader against the docker CLI doing the same steps on the same fixture, in the same run and on the same
// engine: network (no masquerade) → build → run with the sandbox limits → wait healthy → GET / → exec `id` →
// remove. Runs are interleaved so load drifts hit both alike. Prints the ratio of medians (target ≤ 1.05), and
// the full busybox-service grading's wall time to the verdict and to the end of cleanup, warm (target ≤ 3 s) and
// cold, in-process, and the grade command's as a process.
//   npx tsx bench/grader-vs-cli.ts [iterations]
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import type { ExerciseFolder } from "@/grader/contract/exercise-folder";
import { readExerciseFolder } from "@/grader/files-on-disk";
import { parseConfig, settingTable } from "@/grader/config";
import { Grader } from "@/grader/grading/grader";
import { ensureTestBaseImage, testBaseImages } from "@/grader/test-support/test-base-image";

const fixture = "grader/test-fixtures/exercises/busybox-service";
/** The fixture builds FROM the tests' own busybox image, which a grader offers only when told to. */
const offeredWithTestImage = [settingTable.offeredImages.default, ...testBaseImages].join(",");

export interface GraderVsCliResult {
  iterations: number;
  graderMs: number[];
  cliMs: number[];
  graderMedianMs: number;
  cliMedianMs: number;
  ratio: number;
  ratioTarget: number;
  coldGrading: { verdictMs: number; doneMs: number };
  warmGrading: { verdictMs: number; doneMs: number };
  /** `npm run grade` on the warm grader's cache: npm, Node and tsx start-up included. */
  gradeCommandMedianMs: number;
  warmGradingTargetMs: number;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

const docker = (...args: string[]) => execFileSync("docker", args, { encoding: "utf8", env: { ...process.env, DOCKER_BUILDKIT: "0" }, stdio: ["ignore", "pipe", "pipe"] }).trim();

async function cliSteps(dir: string, name: string): Promise<void> {
  try {
    docker("network", "create", "-o", "com.docker.network.bridge.enable_ip_masquerade=false", name);
    docker("build", "-q", "-t", `${name}:img`, "--network", "none", "--memory", "1g", "--cpu-quota", "100000", dir);
    docker("run", "-d", "--name", name, "--network", name, "-p", "127.0.0.1::5000", "-e", "GREETING=bench", "--memory", "256m", "--memory-swap", "256m", "--cpus", "1", "--pids-limit", "128", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--health-interval", "1s", `${name}:img`);
    const port = docker("port", name, "5000/tcp").split(":").at(-1);
    for (;;) {
      const health = docker("inspect", "-f", "{{.State.Health.Status}}", name);
      if (health === "healthy") break;
      if (health === "unhealthy") throw new Error("unhealthy");
      await new Promise((r) => setTimeout(r, 100));
    }
    const body = (await (await fetch(`http://127.0.0.1:${port}/`)).json()) as { msg?: string };
    if (body.msg !== "bench") throw new Error(`unexpected answer ${JSON.stringify(body)}`);
    if (!/uid=1000/.test(docker("exec", name, "id"))) throw new Error("not running as app");
  } finally {
    spawnSync("docker", ["rm", "-f", name], { stdio: "ignore" });
    spawnSync("docker", ["network", "rm", name], { stdio: "ignore" });
    // The grader's cache trim removes its image too (GRADER_IMAGE_CACHE_COUNT=0 here), so the CLI does as well.
    spawnSync("docker", ["rmi", `${name}:img`], { stdio: "ignore" });
  }
}

async function cliRun(ex: ExerciseFolder, n: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cli-"));
  try {
    for (const [p, body] of Object.entries(ex.solution)) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), body, { mode: body.startsWith("#!") ? 0o755 : 0o644 });
    }
    const started = performance.now();
    await cliSteps(dir, `bench-cli-${process.pid}-${n}`);
    return performance.now() - started;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface GradingTimes {
  /** Until the verdict event: what the learner waits for. */
  verdictMs: number;
  /** Until run() resolves: container, network and (cache count 0) image removed. */
  doneMs: number;
}

async function graderRun(grader: Grader, ex: ExerciseFolder, checks: ExerciseFolder["spec"]["checks"]): Promise<GradingTimes> {
  const signal = new AbortController().signal;
  const started = performance.now();
  let verdictMs = NaN;
  const verdict = await grader.run(grader.admit(signal), grader.prepare({ spec: { ...ex.spec, checks }, files: ex.solution }), {
    signal,
    emit: (e) => {
      if (e.type === "verdict") verdictMs = performance.now() - started;
    },
  });
  const doneMs = performance.now() - started;
  if (verdict.status !== "pass") throw new Error(`the grader did not pass the fixture: ${JSON.stringify(verdict.checks.filter((c) => c.status !== "pass"))}`);
  return { verdictMs, doneMs };
}

const summarize = (runs: GradingTimes[]) => ({ verdictMs: Math.round(median(runs.map((r) => r.verdictMs))), doneMs: Math.round(median(runs.map((r) => r.doneMs))) });

export async function benchGraderVsCli(iterations = 5): Promise<GraderVsCliResult> {
  await ensureTestBaseImage();
  const ex = await readExerciseFolder(fixture);
  const config = parseConfig({ GRADER_NAME: "bench", GRADER_OFFERED_IMAGES: offeredWithTestImage }, { requireToken: false });
  const log = pino({ level: "warn" });
  // Cold: no grading image is kept, so every build starts from the base image, as a learner's new files do.
  const cold = await Grader.start({ ...config, limits: { ...config.limits, imageCacheCount: 0 } }, log, { sweep: true });
  // Warm: the default image cache keeps the last gradings' layers, so grading the same files again is a cache hit.
  const warm = await Grader.start({ ...config, name: "benchwarm" }, log, { sweep: true });
  // The same steps as the CLI sequence: build, start + healthy, probe (with the greeting), exec id.
  const sameSteps = ex.spec.checks.filter((c) => ["build", "starts", "responds", "env-greeting", "whoami-non-root", "healthy"].includes(c.id));
  const graderMs: number[] = [];
  const cliMs: number[] = [];
  const coldRuns: GradingTimes[] = [];
  const warmRuns: GradingTimes[] = [];
  const command: number[] = [];
  await graderRun(cold, ex, sameSteps);
  await graderRun(warm, ex, ex.spec.checks);
  await cliRun(ex, -1);
  for (let i = 0; i < iterations; i++) {
    graderMs.push((await graderRun(cold, ex, sameSteps)).doneMs);
    cliMs.push(await cliRun(ex, i));
  }
  // Each kind of full grading back to back, as a grader serving learners runs them: the engine's deferred work
  // after a CLI run (layer deletion, proxy teardown) would otherwise land in whichever grading came next.
  for (let i = 0; i < iterations; i++) coldRuns.push(await graderRun(cold, ex, ex.spec.checks));
  for (let i = 0; i < iterations; i++) warmRuns.push(await graderRun(warm, ex, ex.spec.checks));
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const cli = spawnSync("npm", ["run", "--silent", "grade", "--", fixture, `${fixture}/solution`], { stdio: ["ignore", "ignore", "ignore"], env: { ...process.env, GRADER_NAME: "benchwarm", GRADER_OFFERED_IMAGES: offeredWithTestImage } });
    if (cli.status !== 0) throw new Error(`npm run grade exited ${cli.status}`);
    command.push(performance.now() - t0);
  }
  await cold.close(0);
  await warm.close(0);
  const graderMedianMs = median(graderMs);
  const cliMedianMs = median(cliMs);
  return {
    iterations,
    graderMs: graderMs.map(Math.round),
    cliMs: cliMs.map(Math.round),
    graderMedianMs: Math.round(graderMedianMs),
    cliMedianMs: Math.round(cliMedianMs),
    ratio: Math.round((graderMedianMs / cliMedianMs) * 1000) / 1000,
    ratioTarget: 1.05,
    coldGrading: summarize(coldRuns),
    warmGrading: summarize(warmRuns),
    gradeCommandMedianMs: Math.round(median(command)),
    warmGradingTargetMs: 3000,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const iterations = Number(process.argv[2] ?? "5");
  const load = os.loadavg()[0]?.toFixed(1);
  const r = await benchGraderVsCli(iterations);
  console.log(`load average at start: ${load} on ${os.cpus().length} cores`);
  console.log(`grader vs docker CLI, same steps, ${r.iterations} interleaved runs: grader ${r.graderMedianMs} ms, CLI ${r.cliMedianMs} ms, ratio ${r.ratio} (target ≤ ${r.ratioTarget})`);
  console.log(`busybox-service full grading, ${r.iterations} runs each (verdict / cleaned up):`);
  console.log(`  warm (layers cached) ${r.warmGrading.verdictMs} / ${r.warmGrading.doneMs} ms (target ≤ ${r.warmGradingTargetMs} ms)`);
  console.log(`  cold (new image)     ${r.coldGrading.verdictMs} / ${r.coldGrading.doneMs} ms`);
  console.log(`  grade command (process, warm) ${r.gradeCommandMedianMs} ms`);
  console.log(JSON.stringify(r));
}
