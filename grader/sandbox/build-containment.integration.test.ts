// Build containment beyond what the exploit suite shows through a whole grading: the pids limit where the grader
// cannot write the engine's cgroups (compose's dind; here a cgroup filesystem path that does not exist), set by the
// watchdog on each step's container, and the engine's free-disk floor refusing a build before it starts.
import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "@/grader/config";
import { ensureTestBaseImage, requireEngine, testBaseImage, testDocker } from "@/grader/test-support/test-base-image";
import { buildImage, type BuildRequest } from "./build-image";
import { packContext } from "./build-context";
import { removeImage } from "./image-store";

const config = loadConfig({ requireToken: false });
const tag = `shipshape-grading/xcontain-${process.pid}:image`;
let log = "";

beforeAll(async () => {
  await requireEngine();
  await ensureTestBaseImage();
});

afterAll(async () => {
  await removeImage(testDocker(), tag);
  // The engine made the first test's cgroup parent where the grader was told it could not write: ours to remove.
  for (const hierarchy of fs.readdirSync(config.cgroupFs)) {
    const dir = `${config.cgroupFs}/${hierarchy}/shipshape-build`;
    for (const d of fs.existsSync(dir) ? fs.readdirSync(dir) : []) if (d.includes(`xcontain-${process.pid}`)) fs.rmdirSync(`${dir}/${d}`);
  }
});

async function build(dockerfile: string, overrides: Partial<BuildRequest["limits"]>, cgroupFs = config.cgroupFs) {
  log = "";
  return buildImage(testDocker(), {
    context: (await packContext({ Dockerfile: dockerfile })).tar,
    tag,
    network: "none",
    limits: { ...config.limits, buildTimeoutMs: 60_000, ...overrides },
    cgroupFs,
    signal: new AbortController().signal,
    logBudget: { remaining: 256 * 1024, truncated: false },
    onLog: (text) => (log += text),
  });
}

it("without a writable cgroup filesystem, the watchdog puts the pids limit on each step's container", { timeout: 120_000 }, async () => {
  const missing = "/nonexistent-cgroup-fs";
  expect(fs.existsSync(missing)).toBe(false);
  // The bomb starts after the watchdog's first rounds: in the first 250 ms only memory bounds a step (DESIGN §5).
  const result = await build(`FROM ${testBaseImage}\nRUN sleep 2; f() { f | f & }; f; sleep 2; echo bomb-over; exit 1\n`, { buildPids: 64 }, missing);
  expect(result.ok).toBe(false);
  expect(log).toContain("can't fork");
});

it("refuses to start a build when the engine's disk is below its free-space floor, as our fault", async () => {
  const result = await build(`FROM ${testBaseImage}\n`, { engineMinFreeBytes: Number.MAX_SAFE_INTEGER });
  expect(result).toMatchObject({ ok: false, reason: "unavailable" });
  expect(result.ok ? "" : result.message).toMatch(/of disk left, below the .* it keeps free\. That is our fault/);
});

it("runs the steps under the build's own cgroup parent and removes it once its steps are gone", { timeout: 60_000 }, async () => {
  // Only this build's: the first test's parent was made by the engine where the grader could not write.
  const ours = () => new Set(fs.readdirSync(`${config.cgroupFs}/pids/shipshape-build`).filter((d) => d.includes(`xcontain-${process.pid}`)));
  const before = ours();
  const result = await build(`FROM ${testBaseImage}\nRUN cat /proc/self/cgroup\n`, {});
  expect(result.ok).toBe(true);
  const parent = /pids:\/shipshape-build\/(shipshape-grading-xcontain-[^/\s]+)\//.exec(log)?.[1];
  expect(parent).toBeDefined();
  expect(before.has(parent ?? "")).toBe(false);
  for (let waited = 0; ours().has(parent ?? "") && waited < 20_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
  expect(ours().has(parent ?? "")).toBe(false);
});
