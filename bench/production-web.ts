// The web as `npm start` runs it (scripts/start.ts: migrations, content sync, the production build), on a fresh
// embedded database in a temporary folder, without the grader: for benchmarks of the reading pages.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface ProductionWeb {
  base: string;
  stop(): Promise<void>;
}

/** Polls until `url` answers 200 (or the child exits, or the time runs out). */
export async function waitForOk(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server for ${url} exited with ${child.exitCode} before answering`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Stops a child started `detached` (its own process group), with everything it started. */
export function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-child.pid, "SIGTERM");
  return exited;
}

/** build: false serves the existing build in NEXT_DIST_DIR as it is (`--no-build`). */
export async function startProductionWeb(options: { port: number; build: boolean; demoPassword?: string }): Promise<ProductionWeb> {
  const work = mkdtempSync(path.join(os.tmpdir(), "shipshape-bench-web-"));
  const env = {
    ...process.env,
    PORT: String(options.port),
    PGLITE_DIR: path.join(work, "db"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    GRADER_TOKEN: randomBytes(32).toString("base64url"),
    // No grader runs: an address of ours where nothing listens, so pages that ask it say so at once.
    GRADER_URL: `http://127.0.0.1:${options.port + 1}`,
    NEXT_TELEMETRY_DISABLED: "1",
    ...(options.demoPassword ? { DEMO_PASSWORD: options.demoPassword } : {}),
  };
  const args = ["--import", "tsx", "scripts/start.ts", "--web-only", ...(options.build ? [] : ["--no-build"])];
  const web = spawn(process.execPath, args, { env, detached: true, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    await stopGroup(web);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitForOk(`${base}/`, web, 600_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, stop };
}
