// `npm test`: every check the project has, in the order that fails fastest, stopping at the first failure.
// Needs a Docker engine (grader tests) and a Chromium (browser tests); says how to get either when missing.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

function dockerPing(): Promise<boolean> {
  const host = process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
  const target = host.startsWith("unix://")
    ? { socketPath: host.slice("unix://".length) }
    : { host: new URL(host.replace(/^tcp:/, "http:")).hostname, port: Number(new URL(host.replace(/^tcp:/, "http:")).port || 2375) };
  return new Promise((resolve) => {
    const req = http.get({ ...target, path: "/_ping", timeout: 3_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}

function chromiumAvailable(): boolean {
  return [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].some((p) => p && existsSync(p));
}

async function preflight(): Promise<string[]> {
  const problems: string[] = [];
  if (!(await dockerPing())) {
    problems.push(
      "No Docker engine answers at " +
        (process.env.DOCKER_HOST ?? "/var/run/docker.sock") +
        ". The grader's tests build and run real containers. Start one, e.g. as root on Debian:\n" +
        "    apt-get install -y docker.io && (dockerd > /tmp/dockerd.log 2>&1 &)\n" +
        "  or point DOCKER_HOST at a running engine.",
    );
  }
  if (!chromiumAvailable()) {
    problems.push(
      "No Chromium found for the browser tests. Install Debian's (apt-get install -y chromium), set CHROMIUM_PATH, " +
        "or, where the internet is reachable, run `npx playwright install chromium`.",
    );
  }
  return problems;
}

function run(step: Step): Promise<number> {
  console.log(`\n▶ ${step.name}: ${[step.command, ...step.args].join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { stdio: "inherit", env: { ...process.env, ...step.env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const problems = await preflight();
  if (problems.length) {
    console.error(`npm test cannot run yet:\n- ${problems.join("\n- ")}`);
    process.exit(1);
  }
  const e2eDist = process.env.NEXT_DIST_DIR ?? ".next-e2e";
  const steps: Step[] = [
    { name: "base images", command: "npm", args: ["run", "--silent", "grader:images"] },
    { name: "content", command: "npx", args: ["tsx", "scripts/content-check.ts"] },
    // Before lint: `next typegen` writes the route types (PageProps, RouteContext) type-aware lint rules rely on.
    { name: "typecheck", command: "npm", args: ["run", "--silent", "typecheck"] },
    { name: "lint", command: "npx", args: ["eslint", "--max-warnings", "0", "."] },
    { name: "unit and integration", command: "npx", args: ["vitest", "run"] },
    { name: "build for browser tests", command: "npx", args: ["next", "build"], env: { NEXT_DIST_DIR: e2eDist, NODE_ENV: "production" } },
    { name: "browser", command: "npx", args: ["playwright", "test"], env: { NEXT_DIST_DIR: e2eDist } },
  ];
  let passed = 0;
  for (const step of steps) {
    const code = await run(step);
    if (code !== 0) {
      console.error(`\n✗ ${step.name} failed (exit ${code})`);
      console.log(`steps: ${passed} passed, 1 failed`);
      process.exit(1);
    }
    passed++;
  }
  console.log(`\nsteps: ${passed} passed, 0 failed`);
}

void main();
