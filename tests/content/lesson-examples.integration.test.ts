// The lesson's worked examples and the exercises' reference solutions, run on the real engine the way the lesson
// tells a learner to (docker build, docker run -p, curl), checked against the answers the lesson prints. Base
// images are the offline kit's stand-ins (`npm run grader:images`). Changes to the learner's commands, all for
// this machine: builds get `--network none` (the kit's images need no registry), containers join a bridge of
// this suite's own with no route out (the engine here may have no default bridge, and nothing may leave the
// machine), and ports are published on 127.0.0.1 in this suite's range instead of 0.0.0.0:8080.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exerciseSpecSchema } from "@/grader/contract/exercise-spec";
import { command, docker, filesOf, lessonDir, lessonSections, promisedJson, section, writeFolder, type Block } from "./lesson-blocks";

const run = `c${process.pid}`;
const imagePrefix = `shipshape-content-test/${run}`;
const network = `${run}-lesson-examples`;
const containers: string[] = [];
const images = new Set<string>();
let work: string;
let sections: Map<string, Block[]>;

beforeAll(async () => {
  await docker(["version", "--format", "{{.Server.Version}}"]);
  for (const base of ["python:3.11-slim", "python:3.11", "node:18-alpine", "golang:1.22", "gcr.io/distroless/python3-debian12:nonroot", "alpine:3.18"]) {
    await docker(["image", "inspect", base]).catch(() => {
      throw new Error(`base image ${base} is missing on this engine: run \`npm run grader:images\` first`);
    });
  }
  // Masquerading off: containers get no NAT to the outside, while 127.0.0.1 publishing still works (DESIGN §5).
  await docker(["network", "create", "-o", "com.docker.network.bridge.enable_ip_masquerade=false", network]);
  work = await fs.mkdtemp(path.join(os.tmpdir(), "lesson-examples-"));
  sections = await lessonSections();
});

afterAll(async () => {
  for (const c of containers) await docker(["rm", "-f", c]).catch(() => undefined);
  for (const i of images) await docker(["rmi", "-f", i]).catch(() => undefined);
  await docker(["network", "rm", network]).catch(() => undefined);
  if (work) await fs.rm(work, { recursive: true, force: true });
});

/** `docker build -t NAME .` as the lesson writes it, in `dir`; returns the image name used here. */
async function build(buildCommand: readonly string[], dir: string): Promise<string> {
  const args = buildCommand.slice(2);
  const t = args.indexOf("-t") + 1;
  const image = `${imagePrefix}-${args[t]}`;
  args[t] = image;
  images.add(image);
  await docker(["build", "--network", "none", ...args], { cwd: dir });
  return image;
}

/**
 * `docker run ... IMAGE` as the lesson writes it, detached, published on a loopback port the engine picks (a fixed
 * one collides with whatever else holds it); returns the container and that port.
 */
async function start(runCommand: readonly string[], image: string, extra: readonly string[] = []): Promise<{ name: string; port: number }> {
  let containerPort = "";
  const name = `${run}-${containers.length}`;
  containers.push(name);
  const args: string[] = [];
  const words = runCommand.slice(2, -1);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    if (word === "--rm" || word === "-d") continue;
    if (word === "--name") {
      i++;
      continue;
    }
    if (word === "-p") {
      containerPort = (words[++i] ?? "").split(":").at(-1) ?? "";
      args.push("-p", `127.0.0.1::${containerPort}`);
      continue;
    }
    args.push(word);
  }
  await docker(["run", "-d", "--name", name, "--network", network, ...extra, ...args, image]);
  const published = await docker(["port", name, containerPort]);
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(published)?.[1]);
  if (!Number.isInteger(port)) throw new Error(`${name}: no loopback port published for ${containerPort} (${published.trim()})`);
  return { name, port };
}

/** curl -s http://localhost:PORT/, retried while the app starts. */
async function curl(port: number): Promise<unknown> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return await res.json();
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`nothing answered on port ${port} within 30 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Example 2's `npm install --package-lock-only`: the learner runs it on their machine; here npm runs in the Node stand-in, offline from its cache. */
async function lockLikeExample2(dir: string): Promise<void> {
  const lockStep = command(section(sections, "Example 2"), "npm install --package-lock-only");
  await docker(["run", "--rm", "--network", "none", "-v", `${dir}:/w`, "-w", "/w", "node:18-alpine", ...lockStep]);
}

async function healthStatus(name: string, within: number): Promise<string> {
  const deadline = Date.now() + within;
  let status = "";
  while (Date.now() < deadline) {
    status = await docker(["inspect", "--format", "{{.State.Health.Status}}", name]);
    if (status === "healthy" || status === "unhealthy") return status;
    await new Promise((r) => setTimeout(r, 500));
  }
  return status;
}

const imageSize = async (image: string) => Number(await docker(["image", "inspect", "--format", "{{.Size}}", image]));
const envDefault = (dockerfile: string) => /^ENV .*GREETING="([^"]+)"/m.exec(dockerfile)?.[1];

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(work, name);
  await writeFolder(dir, files);
  return dir;
}

describe.sequential("worked examples", () => {
  it("Example 1 (Flask): answers the promised JSON, the ENV default without -e, and stops on docker stop without a kill", { timeout: 300_000 }, async () => {
    const blocks = section(sections, "Example 1");
    const files = filesOf(blocks);
    const image = await build(command(blocks, "docker build"), await folder("example-1", files));
    const runCommand = command(blocks, "docker run");

    const app = await start(runCommand, image);
    expect(await curl(app.port)).toEqual(promisedJson(blocks));
    const plain = await start(runCommand.filter((w, i, all) => w !== "-e" && all[i - 1] !== "-e"), image);
    expect(await curl(plain.port)).toEqual({ msg: envDefault(files.Dockerfile ?? "") });

    // STOPSIGNAL SIGINT: Python exits by itself. The control, the same image stopped with SIGTERM, shows why the
    // lesson needs it: Python as PID 1 ignores SIGTERM and is killed (137) when the grace period ends.
    await docker(["stop", "-t", "20", app.name]);
    expect(await docker(["inspect", "--format", "{{.State.ExitCode}}", app.name])).not.toBe("137");
    const sigterm = await start(runCommand, image, ["--stop-signal", "SIGTERM"]);
    await curl(sigterm.port);
    await docker(["stop", "-t", "2", sigterm.name]);
    expect(await docker(["inspect", "--format", "{{.State.ExitCode}}", sigterm.name])).toBe("137");
  });

  it("Example 2 (Node.js): after npm install --package-lock-only, builds, runs and answers the promised JSON", { timeout: 300_000 }, async () => {
    const blocks = section(sections, "Example 2");
    const dir = await folder("example-2", filesOf(blocks));
    await lockLikeExample2(dir);
    const image = await build(command(blocks, "docker build"), dir);
    const app = await start(command(blocks, "docker run"), image);
    expect(await curl(app.port)).toEqual(promisedJson(blocks));
  });

  it("Example 3 (Go): builds on scratch, answers the promised JSON and reports healthy through its own binary", { timeout: 300_000 }, async () => {
    const blocks = section(sections, "Example 3");
    const image = await build(command(blocks, "docker build"), await folder("example-3", filesOf(blocks)));
    const app = await start(command(blocks, "docker run"), image);
    expect(await curl(app.port)).toEqual(promisedJson(blocks));
    expect(await healthStatus(app.name, 40_000)).toBe("healthy");
  });
});

const exercise = (slug: string) => path.join(lessonDir, "exercises", slug);

describe.sequential("exercises' reference solutions, as the lesson's exercises run them", () => {
  it("Exercise 1: the first-service solution answers with the greeting the lesson names", { timeout: 300_000 }, async () => {
    const blocks = section(sections, "Exercise 1");
    const image = await build(command(blocks, "docker build"), path.join(exercise("first-service"), "solution"));
    const runCommand = command(blocks, "docker run");
    const app = await start(runCommand, image);
    const greeting = runCommand.find((w) => w.startsWith("GREETING="))?.slice("GREETING=".length);
    expect(greeting).toBeTruthy();
    expect(await curl(app.port)).toEqual({ msg: greeting });
  });

  it("Exercise 2: the optimize-and-harden solution is smaller than the lesson's naive build, not root, and healthy", { timeout: 300_000 }, async () => {
    const blocks = section(sections, "Exercise 2");
    const naive = filesOf(blocks).Dockerfile;
    const example = filesOf(section(sections, "Example 1"));
    const [buildNaive, buildHardened] = blocks.filter((b) => b.lang === "bash" && b.body.startsWith("docker build")).map((b) => b.body.trim().split(/\s+/));
    if (!naive || !buildNaive || !buildHardened) throw new Error("Exercise 2 lost its naive Dockerfile or one of its two builds");
    const before = await build(buildNaive, await folder("exercise-2-naive", { ...example, Dockerfile: naive }));
    const after = await build(buildHardened, path.join(exercise("optimize-and-harden"), "solution"));
    expect(await imageSize(after)).toBeLessThan(await imageSize(before));

    const app = await start(command(blocks, "docker run -d --name hello"), after);
    expect(await docker(["exec", app.name, "whoami"])).not.toBe("root");
    expect(await curl(app.port)).toHaveProperty("msg");
    expect(await healthStatus(app.name, 40_000)).toBe("healthy");
  });

  it("mini challenge: the lean-image solution is at most 70% of its route's single-stage build and still answers", { timeout: 300_000 }, async () => {
    const dir = path.join(exercise("lean-image"), "solution");
    const before = await beforeImage("lean", dir);
    const after = await build(["docker", "build", "-t", "lean-after:1.0", "."], dir);
    expect(await imageSize(after)).toBeLessThanOrEqual(0.7 * (await imageSize(before)));
    const app = await start(["docker", "run", "-p", "8080:8080", after], after);
    expect(await curl(app.port)).toEqual({ msg: envDefault(await fs.readFile(path.join(dir, "Dockerfile"), "utf8")) });
  });
});

/** The route's single-stage "before" as the grader builds it (the spec's sizeBaselines), from the same files as `dir`. */
async function beforeImage(name: string, dir: string): Promise<string> {
  const spec = exerciseSpecSchema.parse(parseYaml(await fs.readFile(path.join(exercise("lean-image"), "exercise.yaml"), "utf8")));
  const route = spec.sizeBaselines?.find((b) => existsSync(path.join(dir, b.whenFile)));
  if (!route) throw new Error(`lean-image has no size baseline for ${name}`);
  const copy = path.join(work, `${name}-before`);
  await fs.cp(dir, copy, { recursive: true });
  await fs.writeFile(path.join(copy, "Dockerfile"), route.dockerfile);
  return build(["docker", "build", "-t", `${name}-before:1.0`, "."], copy);
}

describe.sequential("mini challenge: the Flask and Node.js routes as the lesson prints them", () => {
  it("Flask: Example 1's files on distroless python3 :nonroot are at most 70% of Example 1, run as nonroot and stop on SIGINT", { timeout: 300_000 }, async () => {
    const example = filesOf(section(sections, "Example 1"));
    const routeDockerfile = filesOf(section(sections, "The Flask route")).Dockerfile ?? "";
    const dir = await folder("flask-route", { "app.py": example["app.py"] ?? "", "requirements.txt": example["requirements.txt"] ?? "", Dockerfile: routeDockerfile });
    const before = await beforeImage("flask-route", dir);
    const after = await build(["docker", "build", "-t", "flask-route:1.0", "."], dir);
    expect(await imageSize(after)).toBeLessThanOrEqual(0.7 * (await imageSize(before)));
    // "the :nonroot tag already runs as an unprivileged user": no USER line, the base decides.
    expect(await docker(["image", "inspect", "--format", "{{.Config.User}}", after])).toBe("65532");
    const app = await start(["docker", "run", "-p", "8080:5000", after], after);
    expect(await curl(app.port)).toEqual({ msg: envDefault(routeDockerfile) });
    await docker(["stop", "-t", "20", app.name]);
    expect(await docker(["inspect", "--format", "{{.State.ExitCode}}", app.name])).not.toBe("137");
  });

  it("Flask: the venv the lesson warns about fails at start with the error it quotes", { timeout: 300_000 }, async () => {
    const image = await build(["docker", "build", "-t", "flask-venv:1.0", "."], path.join(exercise("lean-image"), "mistakes/flask-venv-on-distroless"));
    const quoted = /`(\/venv\/bin\/python: no such file or directory)`/.exec((await fs.readFile(path.join(lessonDir, "lesson.md"), "utf8")).replace(/\n\s*/g, " "))?.[1];
    expect(quoted).toBeTruthy();
    const name = `${run}-venv`;
    containers.push(name);
    // runc reports it either when the container starts or in its log, depending on the version.
    const failure = await docker(["run", "--name", name, "--network", network, image]).then(
      () => docker(["logs", name]),
      (err: unknown) => String(err),
    );
    expect(failure).toContain(quoted);
  });

  it("Node.js: Example 2's files on alpine:3.18 with apk's nodejs are at most 70% of Example 2 in one stage, with no npm", { timeout: 300_000 }, async () => {
    const example = filesOf(section(sections, "Example 2"));
    const routeDockerfile = filesOf(section(sections, "The Node.js route")).Dockerfile ?? "";
    const dir = await folder("node-route", { "server.js": example["server.js"] ?? "", "package.json": example["package.json"] ?? "", Dockerfile: routeDockerfile });
    await lockLikeExample2(dir);
    const before = await beforeImage("node-route", dir);
    const after = await build(["docker", "build", "-t", "node-route:1.0", "."], dir);
    expect(await imageSize(after)).toBeLessThanOrEqual(0.7 * (await imageSize(before)));
    const app = await start(["docker", "run", "-p", "3000:3000", after], after);
    expect(await curl(app.port)).toEqual({ msg: envDefault(routeDockerfile) });
    expect(await docker(["exec", app.name, "whoami"])).toBe("app");
    await expect(docker(["exec", app.name, "sh", "-c", "command -v npm"])).rejects.toThrow();
  });
});
