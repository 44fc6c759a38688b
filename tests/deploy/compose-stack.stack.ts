// `npm run test:stack`: the compose stack really starts here and grades (issues 17, 18). Builds the images with
// Debian's docker-compose from this checkout, brings the stack up under its own project name with secrets from an
// env file made for the run, copies the lessons' base images into the stack's dedicated engine, then grades the way
// a learner's browser does — sign in, POST the files, read the SSE stream — over HTTP to the web, which hands it to
// the grader, which builds and runs it on that engine: the first-service reference, and the two practical projects
// that need more than the engine's API (compose-sidecar runs docker-compose, tag-and-push a throwaway registry),
// each reference and one mistake case. A grading's containers reach each other on their bridge and nothing routed
// out of it. The stack's own web and grader images are graded by our catalogue's hardening checks. Afterwards
// `down -v` and nothing of the project is left on the engine: containers, networks, volumes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckId, FileMap, Verdict } from "@/grader/contract";
import { parseExpected } from "@/grader/contract/exercise-cases";
import { readExerciseFolder, readFileTree } from "@/grader/files-on-disk";
import { runCommand } from "@/grader/images/run-command";
import { streamedEventSchema } from "@/lib/grading/submission-events";
import { loadIntoStack, stackEngineHost } from "@/grader/images/stack-base-images";
import { dockerfileForTarget, gradePrebuiltImage, randomSecret } from "./prebuilt-image-grading";

const project = "s17stack";
const webPort = 4517;
const base = `http://127.0.0.1:${webPort}`;
const exercisesDir = "content/containers/dockerize-a-service/exercises";
// Not the default 172.30.99.0/29, so a stack an operator runs on this machine does not collide with the test's;
// nor in 172.17–31.0.0/16, the engine's pools for networks it makes (a grading's bridge may hold one of them).
const probeSubnet = "10.117.17.0/29";
const engineAddress = "10.117.17.2";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-test-"));
const envFile = path.join(workDir, "compose.env");
const demoPassword = randomSecret();
const figures: Record<string, string> = {};

const compose = (...args: string[]) => runCommand("docker-compose", ["--project-name", project, "--env-file", envFile, ...args]);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function projectObjects(): Promise<string[]> {
  const label = `com.docker.compose.project=${project}`;
  const listed = await Promise.all([
    runCommand("docker", ["ps", "-aq", "--filter", `label=${label}`]),
    runCommand("docker", ["network", "ls", "-q", "--filter", `label=${label}`]),
    runCommand("docker", ["volume", "ls", "-q", "--filter", `label=${label}`]),
  ]);
  return listed.flatMap((r) => r.stdout.split("\n").filter(Boolean));
}

async function serviceHealth(service: string): Promise<string> {
  const id = (await compose("ps", "-q", service)).stdout.trim();
  if (!id) return "absent";
  return (await runCommand("docker", ["inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}", id])).stdout.trim();
}

/** A service's last lines, for a failure's message: a stopped container's health also reads "unhealthy". */
async function serviceLogs(service: string): Promise<string> {
  return (await compose("logs", "--tail", "40", service).catch((err: unknown) => ({ stdout: String(err) }))).stdout;
}

async function waitHealthy(service: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let status = "";
  while (Date.now() < deadline) {
    status = await serviceHealth(service);
    if (status === "healthy") return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`${service} is ${status} after ${ms / 1000} s:\n${await serviceLogs(service)}`);
}

/** A browser's sign-in: the CSRF cookie and token, then the credentials form; returns the session cookie. */
async function signIn(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookies.join("; "), "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
  });
  const session = answer.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in refused: ${answer.status} ${answer.headers.get("location") ?? ""}`);
  return session;
}

/** Reads the submission's SSE stream until the verdict event, as the exercise page's live view does. */
async function verdictOf(submission: string, cookie: string): Promise<{ verdict: Verdict; events: string[] }> {
  const res = await fetch(`${base}/api/submissions/${submission}/events`, { headers: { cookie, accept: "text/event-stream" } });
  if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
  const decoder = new TextDecoder();
  const types: string[] = [];
  let buffer = "";
  for await (const chunk of res.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
      if (!data) continue;
      const { event } = streamedEventSchema.parse(JSON.parse(data));
      types.push(event.type);
      if (event.type === "verdict") return { verdict: event.verdict, events: types };
    }
  }
  throw new Error(`the stream ended without a verdict (events: ${types.join(", ")})`);
}

/** A learner's grading of `files` through the web, to its verdict, with the types of the events streamed before it. */
async function gradeThroughWeb(slug: string, files: FileMap, cookie: string): Promise<{ verdict: Verdict; events: string[] }> {
  const submitted = await fetch(`${base}/api/exercises/${slug}/submissions`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", origin: base },
    body: JSON.stringify({ files }),
  });
  expect(submitted.status, await submitted.clone().text()).toBe(202);
  const { id } = (await submitted.json()) as { id: string };
  return verdictOf(id, cookie);
}

const checkResults = (verdict: Verdict) => Object.fromEntries(verdict.checks.map((c) => [c.id, c.status]));

/** What the stack's engine holds beside the lessons' images: every container, network but its own three, volume. */
async function engineLeftovers(host: string): Promise<string[]> {
  const listed = await Promise.all([
    runCommand("docker", ["-H", host, "ps", "-a", "--format", "container {{.Names}}"]),
    runCommand("docker", ["-H", host, "network", "ls", "--format", "network {{.Name}}"]),
    runCommand("docker", ["-H", host, "volume", "ls", "--format", "volume {{.Name}}"]),
  ]);
  const defaults = ["network bridge", "network host", "network none"];
  return listed.flatMap((r) => r.stdout.split("\n")).filter((line) => line !== "" && !defaults.includes(line));
}

beforeAll(async () => {
  fs.writeFileSync(
    envFile,
    [
      `POSTGRES_PASSWORD=${randomSecret()}`,
      `GRADER_TOKEN=${randomSecret()}`,
      `AUTH_SECRET=${randomSecret()}`,
      `AUTH_URL=${base}`,
      `WEB_PORT=${webPort}`,
      `DEMO_PASSWORD=${demoPassword}`,
      "GRADER_NAME=s17stack",
      `PROBE_SUBNET=${probeSubnet}`,
      `ENGINE_PROBE_ADDRESS=${engineAddress}`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  // A run killed earlier may have left the project behind.
  await compose("down", "--volumes", "--remove-orphans");
  let started = Date.now();
  await compose("build");
  figures.build = seconds(started);
  started = Date.now();
  await compose("up", "--detach");
  await waitHealthy("web", 300_000);
  figures["up until the web is healthy"] = seconds(started);
}, 1_500_000);

afterAll(async () => {
  try {
    if (fs.existsSync(envFile)) await compose("down", "--volumes", "--remove-orphans");
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    console.log(`[stack] ${Object.entries(figures).map(([k, v]) => `${k}: ${v}`).join("; ")}`);
  }
  expect(await projectObjects()).toEqual([]);
}, 300_000);

describe("the compose stack", () => {
  it("runs every service healthy, the engine reached only through its socket", async () => {
    for (const service of ["postgres", "engine", "grader", "web"]) {
      const health = await serviceHealth(service);
      expect(health, health === "healthy" ? service : `${service}:\n${await serviceLogs(service)}`).toBe("healthy");
    }
    const engine = (await compose("ps", "-q", "engine")).stdout.trim();
    // No TCP listener in the engine's namespace but what gradings publish (none now): the API is the socket only.
    // One is the host engine's own: the embedded DNS every container on a compose network has, on 127.0.0.11
    // (0B00007F), loopback of this namespace, which the nested engine's bridges cannot route to.
    const listening = await runCommand("docker", ["exec", engine, "sh", "-c", "cat /proc/net/tcp /proc/net/tcp6 | awk '$4 == \"0A\" { print $2 }'"]);
    expect(listening.stdout.split("\n").filter((address) => address && !address.startsWith("0B00007F:"))).toEqual([]);
    const rules = await runCommand("docker", ["exec", engine, "iptables", "-S", "DOCKER-USER"]);
    expect(rules.stdout).toMatch(/-i br-\+ -m conntrack --ctstate NEW -j DROP/);
    const driver = await runCommand("docker", ["-H", await stackEngineHost(project), "info", "--format", "{{.Driver}}"]);
    expect(driver.stdout.trim()).toBe("overlay2");
  });

  it("grades the first-service solution: browser's HTTP → web → grader → the stack's own engine", async () => {
    let started = Date.now();
    const loaded = await loadIntoStack(project, ["python:3.11-slim"]);
    figures["python:3.11-slim into the stack's engine"] = seconds(started);
    expect(loaded.map((l) => l.image)).toEqual(["python:3.11-slim"]);

    const cookie = await signIn("learner@shipshape.local", demoPassword);
    started = Date.now();
    const { verdict, events } = await gradeThroughWeb("first-service", await readFileTree(path.join(exercisesDir, "first-service", "solution")), cookie);
    figures["first-service graded"] = seconds(started);
    expect(verdict.status, JSON.stringify(verdict.checks.filter((c) => c.status !== "pass"))).toBe("pass");
    expect(events).toContain("check");

    // The image was built by the stack's engine, under the stack grader's name (its tag, grader/sandbox/image-names);
    // the host's engine never saw it.
    const listImages = async (host: string[]) => (await runCommand("docker", [...host, "images", "--format", "{{.Repository}}"])).stdout.split("\n");
    expect((await listImages(["-H", await stackEngineHost(project)])).filter((r) => r.startsWith("shipshape-grading/s17stack-"))).not.toEqual([]);
    expect((await listImages([])).filter((r) => r.startsWith("shipshape-grading/s17stack-"))).toEqual([]);
  }, 600_000);

  it("keeps a grading's containers in their bridge: they reach each other, not another grading, its port or the grader", async () => {
    // What the engine's rules promise (deploy/engine-start.sh), tried from inside it on networks made as gradings'
    // (bridges without masquerading): a listener on one, published on the engine's probe address as a learner's
    // port is, and a knocker on its network and on another. The neighbour must get through, or the closed doors
    // would prove nothing. The published port from its own bridge is the engine's own address (INPUT); from the
    // other bridge, and the listener itself from there, are routed (DOCKER-USER, and the engine's isolation).
    const host = await stackEngineHost(project);
    await loadIntoStack(project, ["python:3.11-slim"]);
    const grader = (await compose("ps", "-q", "grader")).stdout.trim();
    const graderAddress = (await runCommand("docker", ["inspect", "--format", `{{(index .NetworkSettings.Networks "${project}_probe").IPAddress}}`, grader])).stdout.trim();
    expect(graderAddress).toMatch(/^10\.117\.17\./);
    const engine = (...args: string[]) => runCommand("docker", ["-H", host, ...args]);
    const networks = ["stack-containment-a", "stack-containment-b"] as const;
    const knock = [
      "import json, socket, sys, time",
      "def reach(host, port, tries):",
      "    for _ in range(tries):",
      "        try:",
      "            socket.create_connection((host, int(port)), timeout=2).close()",
      "            return True",
      "        except OSError:",
      "            time.sleep(0.5)",
      "    return False",
      "print(json.dumps([reach(*door) for door in json.loads(sys.argv[1])]))",
    ].join("\n");
    const knockFrom = async (network: string, doors: [string, string, number][]) =>
      JSON.parse((await engine("run", "--rm", "--network", network, "python:3.11-slim", "python", "-c", knock, JSON.stringify(doors))).stdout) as boolean[];
    try {
      for (const network of networks) await engine("network", "create", "--opt", "com.docker.network.bridge.enable_ip_masquerade=false", network);
      await engine("run", "-d", "--name", "stack-listener", "--network", networks[0], "-p", `${engineAddress}::8080`, "python:3.11-slim", "python", "-m", "http.server", "8080");
      const settings = JSON.parse((await engine("inspect", "--format", "{{json .NetworkSettings}}", "stack-listener")).stdout) as {
        Networks: Record<string, { IPAddress: string }>;
        Ports: Record<string, { HostPort: string }[] | null>;
      };
      const listener = settings.Networks[networks[0]]?.IPAddress ?? "";
      const published = settings.Ports["8080/tcp"]?.[0]?.HostPort ?? "";
      expect(await knockFrom(networks[0], [[listener, "8080", 20], [engineAddress, published, 1], [graderAddress, "4000", 1]])).toEqual([true, false, false]);
      expect(await knockFrom(networks[1], [[listener, "8080", 1], [engineAddress, published, 1]])).toEqual([false, false]);
    } finally {
      await engine("rm", "-f", "stack-listener").catch(() => undefined);
      for (const network of networks) await engine("network", "rm", network).catch(() => undefined);
    }
  }, 120_000);

  // The two projects that need more than the engine's API: docker-compose and docker-registry in the grader's image,
  // a Compose project's published port and the registry's API read on the engine's probe address.
  const projects = [
    { slug: "compose-sidecar", mistake: "db-port-published", images: ["node:18-alpine", "postgres:15"], streams: ["service", "service-log"] },
    { slug: "tag-and-push", mistake: "tags-never-pushed", images: ["python:3.11-slim"], streams: ["log"] },
  ];

  it.each(projects)("grades $slug through the stack: the reference passes every check, $mistake fails the one it names, nothing is left", async ({ slug, mistake, images, streams }) => {
    const host = await stackEngineHost(project);
    await loadIntoStack(project, images);
    const dir = path.join(exercisesDir, slug);
    const { spec, solution } = await readExerciseFolder(dir);
    const expected = parseExpected(fs.readFileSync(path.join(dir, "expected.yaml"), "utf8")).mistakes[mistake];
    if (!expected) throw new Error(`${slug} has no mistake case ${mistake}`);
    const cookie = await signIn("learner@shipshape.local", demoPassword);

    let started = Date.now();
    const reference = await gradeThroughWeb(slug, solution, cookie);
    figures[`${slug} reference graded`] = seconds(started);
    expect(checkResults(reference.verdict), JSON.stringify(reference.verdict, null, 1)).toEqual(Object.fromEntries(spec.checks.map((c) => [c.id, "pass"])));
    expect(reference.verdict.status).toBe("pass");
    for (const type of streams) expect(reference.events).toContain(type);

    started = Date.now();
    const wrong = await gradeThroughWeb(slug, await readFileTree(path.join(dir, "mistakes", mistake)), cookie);
    figures[`${slug} ${mistake} graded`] = seconds(started);
    expect(wrong.verdict.status).toBe("fail");
    expect(checkResults(wrong.verdict), JSON.stringify(wrong.verdict.checks, null, 1)).toEqual(
      Object.fromEntries(spec.checks.map((c) => [c.id, expected.failing.includes(c.id) ? "fail" : "pass"])),
    );

    // The grader cleans up after the verdict went out; give it a moment, then nothing may remain but images: the
    // grader's own layer cache and the registry's image, and no name a push gave one (127.0.0.1:<port>/app).
    const deadline = Date.now() + 30_000;
    let left = await engineLeftovers(host);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      left = await engineLeftovers(host);
    }
    expect(left).toEqual([]);
    const names = (await runCommand("docker", ["-H", host, "images", "--format", "{{.Repository}}:{{.Tag}}"])).stdout.split("\n");
    expect(names.filter((n) => n.startsWith("127.0.0.1:"))).toEqual([]);
  }, 600_000);
});

describe("the stack's own images, graded by our catalogue's hardening checks", () => {
  const dockerfile = fs.readFileSync("Dockerfile", "utf8");
  const hardening: CheckId[] = ["multi-stage", "base-image-pinned", "exec-form-cmd", "user-non-root", "healthcheck-declared", "no-secrets", "whoami-non-root", "healthy"];
  // A production service, not a lesson app: the memory and start-up time of the web (migrations and the content
  // sync into a fresh embedded database come first).
  const graderEnv = { GRADER_RUN_MEMORY_BYTES: String(1536 * 1024 * 1024), GRADER_READY_TIMEOUT_MS: "120000", GRADER_RUN_PIDS: "512", GRADER_RUN_DISK_BYTES: String(1024 * 1024 * 1024) };

  it("the web image passes every one", async () => {
    const results = await gradePrebuiltImage({
      image: "shipshape/web:local",
      dockerfile: dockerfileForTarget(dockerfile, "web"),
      port: 3000,
      env: { AUTH_SECRET: randomSecret(), PGLITE_DIR: "/tmp/pglite" },
      checks: hardening,
      graderEnv,
    });
    expect(results.filter((r) => r.status !== "pass"), JSON.stringify(results, null, 1)).toEqual([]);
  }, 300_000);

  it("the grader image passes every one; what needs a running grader, the stack's grader answers", async () => {
    // The grader exits when no engine answers (grader/main.ts), and the sandbox has none: the checks that need
    // its container running, `whoami-non-root` and `healthy`, are asked of the stack's running grader instead.
    const needsRunning: CheckId[] = ["whoami-non-root", "healthy"];
    const results = await gradePrebuiltImage({
      image: "shipshape/grader:local",
      dockerfile: dockerfileForTarget(dockerfile, "grader"),
      port: 4000,
      env: { GRADER_TOKEN: randomSecret() },
      checks: hardening.filter((id) => !needsRunning.includes(id)),
      graderEnv,
    });
    expect(results.filter((r) => r.status !== "pass"), JSON.stringify(results, null, 1)).toEqual([]);
    const grader = (await compose("ps", "-q", "grader")).stdout.trim();
    const who = await runCommand("docker", ["exec", grader, "sh", "-c", "whoami; id -u"]);
    expect(who.stdout.trim().split("\n")).toEqual(["node", "1000"]);
    expect(await serviceHealth("grader")).toBe("healthy");
  }, 300_000);
});
