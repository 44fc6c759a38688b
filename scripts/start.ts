// `npm start`: starts the grader (GRADER_PORT; it makes missing base images in the background), prepares the
// database, builds the web when its sources changed, then serves the web (PORT) beside it until interrupted.
//   --web-only   do not start the grader (browser tests that do not grade)
//   --no-build   serve the existing build as it is
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import "dotenv/config";
import { z } from "zod";
import { prepareDatabase } from "./prepare-database";

const args = new Set(process.argv.slice(2));
const log = (line: string) => console.log(`[start] ${line}`);

/** Secrets a fresh machine needs but nobody has set: made once, kept in .data (never in git), passed as env. */
function localSecrets(): Record<string, string> {
  const file = path.resolve(".data/local-secrets.json");
  const schema = z.object({ AUTH_SECRET: z.string().min(32), GRADER_TOKEN: z.string().min(32) });
  let secrets: z.infer<typeof schema>;
  const stored = existsSync(file) ? schema.safeParse(JSON.parse(readFileSync(file, "utf8"))) : null;
  if (stored?.success) {
    secrets = stored.data;
  } else {
    secrets = { AUTH_SECRET: randomBytes(32).toString("base64url"), GRADER_TOKEN: randomBytes(32).toString("base64url") };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    log(`made local secrets in ${path.relative(process.cwd(), file)} (set AUTH_SECRET and GRADER_TOKEN to use your own)`);
  }
  return Object.fromEntries(Object.entries(secrets).filter(([key]) => !process.env[key]));
}

const buildInputs = ["app", "components", "server", "lib", "grader/contract", "generated", "next.config.ts", "package.json", "postcss.config.mjs"];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(distDir: string): boolean {
  const buildId = path.join(distDir, "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return buildInputs.every((input) => newestMtime(input) <= builtAt);
}

function run(command: string, argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${argv.join(" ")} exited with ${code}`))));
  });
}

function serve(name: string, command: string, argv: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"], env });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join("");
  child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  return child;
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...localSecrets(), NEXT_TELEMETRY_DISABLED: "1" };
  env.GRADER_URL ??= `http://127.0.0.1:${env.GRADER_PORT ?? 4000}`;
  process.env = env;
  const web = (await import("../server/env")).parseWebEnv(env);

  // Node itself runs each service (no npx or tsx wrapper in between), so a signal to a child reaches the server,
  // and whoever stops this process group (Ctrl+C, Playwright) stops them all.
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    setTimeout(() => process.exit(code), 5_000).unref();
    Promise.all(children.map((c) => new Promise((r) => (c.exitCode === null ? c.on("exit", r) : r(null))))).then(() => process.exit(code), () => process.exit(code));
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));

  // The grader starts first: on a fresh machine it spends minutes making the lessons' base images in the background
  // (GRADER_BASE_IMAGES), and that work, mostly downloads, overlaps the database set-up and the web build.
  if (!args.has("--web-only")) {
    const grader = serve("grader", process.execPath, ["--import", "tsx", "grader/main.ts"], env);
    children.push(grader);
    // Lessons and quick tests need no grader: without a Docker engine the web keeps serving and grading waits.
    grader.on("exit", (code) => {
      if (!stopping) log(`the grader exited with ${code} (see its message above); lessons and quick tests still work, grading does not`);
    });
  }
  try {
    await prepareDatabase(log);
    if (!args.has("--no-build") && !buildIsCurrent(web.NEXT_DIST_DIR)) {
      log("building the web (sources changed since the last build)");
      await run("npx", ["next", "build"], { ...env, NODE_ENV: "production" });
    }
  } catch (err) {
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    throw err;
  }

  const webChild = serve("web", process.execPath, ["--import", "tsx", "scripts/web-server.ts"], { ...env, NODE_ENV: "production" });
  children.push(webChild);
  log(`web on http://127.0.0.1:${web.PORT}${args.has("--web-only") ? "" : `, grader on ${web.GRADER_URL}`}`);
  webChild.on("exit", (code) => {
    if (!stopping) {
      log(`the web exited with ${code}; stopping`);
      stop(code ?? 1);
    }
  });
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
