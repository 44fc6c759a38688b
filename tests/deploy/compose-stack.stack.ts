// `npm run test:stack`: the compose stack really starts here and grades (issue 17). Builds the images with Debian's
// docker-compose from this checkout, brings the stack up under its own project name with secrets from an env file
// made for the run, copies the first-service lesson's base image into the stack's dedicated engine, then grades the
// lesson's reference solution the way a learner's browser does — sign in, POST the files, read the SSE stream —
// over HTTP to the web, which hands it to the grader, which builds and runs it on that engine. The stack's own web
// and grader images are graded by our catalogue's hardening checks. Afterwards `down -v` and nothing of the
// project is left on the engine: containers, networks, volumes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckId, Verdict } from "@/grader/contract";
import { runCommand } from "@/grader/images/run-command";
import { streamedEventSchema } from "@/lib/grading/submission-events";
import { loadIntoStack, stackEngineHost } from "@/grader/images/stack-base-images";
import { dockerfileForTarget, gradePrebuiltImage, randomSecret } from "./prebuilt-image-grading";

const project = "s17stack";
const webPort = 4517;
const base = `http://127.0.0.1:${webPort}`;
const exerciseDir = "content/containers/dockerize-a-service/exercises/first-service";
// Not the default 172.30.99.0/29, so a stack an operator runs on this machine does not collide with the test's.
const probeSubnet = "172.30.117.0/29";
const engineAddress = "172.30.117.2";

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

async function waitHealthy(service: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let status = "";
  while (Date.now() < deadline) {
    status = await serviceHealth(service);
    if (status === "healthy") return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const logs = await compose("logs", "--tail", "40", service).catch((err: unknown) => ({ stdout: String(err) }));
  throw new Error(`${service} is ${status} after ${ms / 1000} s:\n${logs.stdout}`);
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

function readExerciseFiles(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8")]));
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
    for (const service of ["postgres", "engine", "grader", "web"]) expect(await serviceHealth(service), service).toBe("healthy");
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
    const submitted = await fetch(`${base}/api/exercises/first-service/submissions`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: base },
      body: JSON.stringify({ files: readExerciseFiles(path.join(exerciseDir, "solution")) }),
    });
    expect(submitted.status, await submitted.clone().text()).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const { verdict, events } = await verdictOf(id, cookie);
    figures["first-service graded"] = seconds(started);
    expect(verdict.status, JSON.stringify(verdict.checks.filter((c) => c.status !== "pass"))).toBe("pass");
    expect(events).toContain("check");

    // The image was built by the stack's engine, under the stack grader's name (its tag, grader/sandbox/image-names);
    // the host's engine never saw it.
    const listImages = async (host: string[]) => (await runCommand("docker", [...host, "images", "--format", "{{.Repository}}"])).stdout.split("\n");
    expect((await listImages(["-H", await stackEngineHost(project)])).filter((r) => r.startsWith("shipshape-grading/s17stack-"))).not.toEqual([]);
    expect((await listImages([])).filter((r) => r.startsWith("shipshape-grading/s17stack-"))).toEqual([]);
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
