// What resolving every build (grader/build-plan) adds to a grading: the grade command on the exercises' reference
// solutions, from this tree and from a copy of it whose session skips the resolver — the same run, the same engine,
// the same everything else — interleaved so drifting load hits both alike. Target: ratio of medians ≤ 1.05.
// The resolver's own time (parse, expand, one image inspect per FROM) is printed beside it.
//   npx tsx bench/resolver-overhead.ts [iterations]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readFileTree } from "@/grader/files-on-disk";
import { loadConfig } from "@/grader/config";
import { resolveBuildSources } from "@/grader/build-plan/resolve-sources";
import { connectDocker } from "@/grader/sandbox/docker-client";
import { baseImageFacts } from "@/grader/sandbox/image-store";
import { median } from "./grader-vs-cli";

const exercises = ["first-service", "lean-image"].map((slug) => `content/containers/dockerize-a-service/exercises/${slug}`);
const resolverCall = "const refused = await this.refusal(files);";

export interface ResolverOverheadResult {
  iterations: number;
  perExercise: { exercise: string; withMs: number[]; withoutMs: number[]; ratio: number }[];
  ratio: number;
  ratioTarget: number;
  resolveMedianMs: number;
}

/** This tree's grader and content with the session's resolver call taken out; node_modules shared. */
function treeWithoutResolver(root: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "xbench-no-resolver-"));
  for (const entry of ["grader", "content", "tsconfig.json", "package.json"]) fs.cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"));
  const session = path.join(copy, "grader/grading/grading-session.ts");
  const source = fs.readFileSync(session, "utf8");
  if (!source.includes(resolverCall)) throw new Error(`grading-session.ts no longer has \`${resolverCall}\`; update the bench`);
  fs.writeFileSync(session, source.replace(resolverCall, "const refused: BuildResult | null = null;"));
  return copy;
}

/** One grading by the grade command; its own measure of the grading (timings.totalMs), start-up excluded. */
function gradeOnce(cwd: string, exercise: string): number {
  const res = spawnSync("node", ["--import", "tsx", "grader/cli.ts", exercise, path.join(exercise, "solution")], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GRADER_NAME: "xbench", GRADER_LOG_LEVEL: "silent" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const verdict = JSON.parse(res.stdout) as { status: string; timings: { totalMs: number } };
  if (verdict.status !== "pass") throw new Error(`${exercise} did not pass in ${cwd}: ${res.stdout.slice(0, 500)}`);
  return verdict.timings.totalMs;
}

async function resolveTimes(root: string): Promise<number[]> {
  const config = loadConfig({ requireToken: false });
  const docker = connectDocker(config.dockerHost);
  const times: number[] = [];
  for (const exercise of exercises) {
    const files = await readFileTree(path.join(root, exercise, "solution"));
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const plan = await resolveBuildSources(files.Dockerfile ?? "", { offered: config.offeredImages, buildArgs: {}, inspect: (ref) => baseImageFacts(docker, ref) });
      times.push(performance.now() - started);
      if (!plan.ok) throw new Error(`${exercise}: ${plan.message}`);
    }
  }
  return times;
}

export async function benchResolverOverhead(iterations = 3): Promise<ResolverOverheadResult> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const without = treeWithoutResolver(root);
  try {
    const perExercise = exercises.map((exercise) => {
      // One of each first, unmeasured: the layer cache then serves both alike.
      gradeOnce(root, exercise);
      gradeOnce(without, exercise);
      const withMs: number[] = [];
      const withoutMs: number[] = [];
      for (let i = 0; i < iterations; i++) {
        withMs.push(gradeOnce(root, exercise));
        withoutMs.push(gradeOnce(without, exercise));
      }
      return { exercise: path.basename(exercise), withMs, withoutMs, ratio: Number((median(withMs) / median(withoutMs)).toFixed(3)) };
    });
    const total = (key: "withMs" | "withoutMs") => perExercise.reduce((sum, e) => sum + median(e[key]), 0);
    return {
      iterations,
      perExercise,
      ratio: Number((total("withMs") / total("withoutMs")).toFixed(3)),
      ratioTarget: 1.05,
      resolveMedianMs: Number(median(await resolveTimes(root)).toFixed(2)),
    };
  } finally {
    fs.rmSync(without, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  benchResolverOverhead(Number(process.argv[2] ?? 3)).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
