// The grader's background provisioning of base images, on a Docker engine of the test's own (never the shared one,
// whose lesson images colleagues grade against) with a kit cache of its own. The busybox recipe stands in for any
// lesson image: it builds in seconds. Pulls go to a registry this test runs on loopback (Debian's docker-registry);
// nothing leaves the machine.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BaseImageProvisioning, type BaseImageMode } from "@/grader/images/base-image-provisioning";
import { runKit } from "@/grader/images/kit";
import { baseImageRecipes, type BaseImageRecipe } from "@/grader/images/recipes";
import { runCommand } from "@/grader/images/run-command";
import { connectDocker } from "@/grader/sandbox/docker-client";
import { presentBaseImages } from "@/grader/sandbox/image-store";
import { startPrivateEngine, type PrivateEngine } from "../../support/private-engine";

const registryPort = 4290;
const registryImage = `127.0.0.1:${registryPort}/lessons/busybox:1`;
// Nothing listens here: a pull from it must fail cleanly, on loopback.
const absentImage = "127.0.0.1:4291/lessons/absent:1";

let dir: string;
let engine: PrivateEngine;
let registry: ChildProcess | undefined;
const busyboxRecipe = baseImageRecipes.find((r) => r.name === "busybox") as BaseImageRecipe;
const lines: string[] = [];
const log = { info: (m: string) => lines.push(m), error: (m: string) => lines.push(`ERROR ${m}`) };

const docker = (...args: string[]) => runCommand("docker", ["--host", engine.host, ...args]).then((r) => r.stdout.trim());

function provisioning(mode: BaseImageMode, recipes: BaseImageRecipe[], cacheRoot: string): BaseImageProvisioning {
  const client = connectDocker(engine.host);
  return new BaseImageProvisioning({ mode, recipes, cacheRoot, present: (names) => presentBaseImages(client, names), log });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "pprov-"));
  engine = await startPrivateEngine(path.join(dir, "engine"), "10.215.0.0/16");
  // The kit's docker CLI follows DOCKER_HOST, as it does in the grader (whose config reads the same variable).
  process.env.DOCKER_HOST = engine.host;
  await writeFile(
    path.join(dir, "registry.yml"),
    `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, "registry")}\nhttp:\n  addr: 127.0.0.1:${registryPort}\n`,
  );
  registry = spawn("docker-registry", ["serve", path.join(dir, "registry.yml")], { stdio: "ignore" });
  for (let i = 0; i < 50 && !(await fetch(`http://127.0.0.1:${registryPort}/v2/`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200));
}, 120_000);

afterAll(async () => {
  registry?.kill("SIGTERM");
  await engine?.stop();
  await rm(dir, { recursive: true, force: true });
}, 120_000);

describe("kit mode", () => {
  it("builds a missing image in the background, reporting it queued, then preparing step by step, then ready", async () => {
    const cacheRoot = path.join(dir, "kit-a");
    const recipe = { ...busyboxRecipe, name: "pkit-busybox:1" };
    const prov = provisioning("kit", [recipe], cacheRoot);
    const seen: string[] = [];
    await prov.start();
    expect((await prov.status())[0]?.state).toMatch(/queued|preparing/);
    expect(prov.pending(["docker.io/library/pkit-busybox:1", "python:3.11"])).toEqual(["pkit-busybox:1"]);
    const poll = setInterval(() => void prov.status().then((s) => seen.push(s[0]?.state ?? "")), 20);
    await prov.settled(["pkit-busybox:1"], AbortSignal.timeout(120_000));
    clearInterval(poll);
    expect(await prov.status()).toEqual([{ name: "pkit-busybox:1", standIn: true, state: "ready" }]);
    expect(seen).toContain("preparing");
    expect(await docker("image", "inspect", "--format", "{{index .Config.Labels \"shipshape.stand-in-for\"}}", "pkit-busybox:1")).toBe("pkit-busybox:1");
    await prov.close();
  });

  it("resumes an interrupted run from the archived root file system, after sweeping the killed run's work folder", async () => {
    const cacheRoot = path.join(dir, "kit-b");
    const recipe = { ...busyboxRecipe, name: "pkit-resume:1" };
    const stop = new AbortController();
    // Interrupted at the smoke test, after the root file system was archived and imported.
    const first = runKit({
      recipes: [recipe], pull: false, force: false, mirror: "http://127.0.0.1:9/unused", cacheRoot, log: () => undefined, signal: stop.signal,
      onEvent: (e) => {
        if (e.type === "progress" && e.progress.label.startsWith("smoke")) stop.abort(new Error("interrupted"));
      },
    });
    await expect(first).rejects.toThrow("interrupted");
    expect(await docker("images", "-q", "pkit-resume:1")).toBe("");
    expect((await readdir(path.join(cacheRoot, "rootfs"))).length).toBe(1);
    // What a run killed outright leaves: a work folder holding a half-made root.
    await mkdir(path.join(cacheRoot, "work", "pkit-resume_1-dead", "root", "etc"), { recursive: true });

    const resumed: string[] = [];
    const made = await runKit({ recipes: [recipe], pull: false, force: false, mirror: "http://127.0.0.1:9/unused", cacheRoot, log: (l) => resumed.push(l) });
    expect(made).toEqual(["pkit-resume:1"]);
    expect(resumed.join("\n")).toContain("root file system from the kit's cache");
    expect(resumed.join("\n")).toMatch(/step 1\/2 docker import/);
    expect(existsSync(path.join(cacheRoot, "work", "pkit-resume_1-dead"))).toBe(false);
    expect(await docker("images", "-q", "pkit-resume:1")).not.toBe("");
  });

  it("reports a failed step with the image, the step and its log file; a grading waiting for it is let go", async () => {
    const cacheRoot = path.join(dir, "kit-c");
    const recipe = { ...busyboxRecipe, name: "pkit-broken:1", smoke: "echo the smoke test saw a problem >&2; exit 3" };
    const prov = provisioning("kit", [recipe], cacheRoot);
    await prov.start();
    await prov.settled(["pkit-broken:1"], AbortSignal.timeout(120_000));
    const [status] = await prov.status();
    expect(status).toMatchObject({ name: "pkit-broken:1", state: "failed" });
    expect(status?.error).toMatch(/^pkit-broken:1: step "\d\/\d smoke test with no network" failed \(log .*logs\/pkit-broken_1\.log\)/);
    expect(status?.error).toContain("the smoke test saw a problem");
    expect(prov.pending(["pkit-broken:1"])).toEqual([]);
    await expect.poll(() => lines.some((l) => l.startsWith("ERROR base images: pkit-broken:1: step"))).toBe(true);
  });
});

describe("pull mode", () => {
  it("pulls from a registry on loopback, and fails cleanly, naming the image, where no registry answers", async () => {
    await docker("tag", "pkit-busybox:1", registryImage);
    await docker("push", registryImage);
    await docker("image", "rm", registryImage);
    const prov = provisioning("pull", [{ ...busyboxRecipe, name: registryImage }, { ...busyboxRecipe, name: absentImage }], path.join(dir, "kit-d"));
    await prov.start();
    await prov.settled([registryImage, absentImage], AbortSignal.timeout(120_000));
    const [pulled, absent] = await prov.status();
    expect(pulled).toMatchObject({ name: registryImage, state: "ready" });
    expect(absent).toMatchObject({ name: absentImage, state: "failed" });
    expect(absent?.error).toMatch(/docker pull 127\.0\.0\.1:4291\/lessons\/absent:1 exited with 1/);
    expect(absent?.error).toMatch(/connection refused/);
  });

  it("off: reports missing images and makes nothing", async () => {
    const prov = provisioning("off", [{ ...busyboxRecipe, name: "pkit-never:1" }], path.join(dir, "kit-e"));
    await prov.start();
    expect(await prov.status()).toEqual([{ name: "pkit-never:1", standIn: false, state: "missing" }]);
    expect(prov.pending(["pkit-never:1"])).toEqual([]);
  });
});
