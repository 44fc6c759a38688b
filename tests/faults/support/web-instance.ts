// Starts and crashes web instances (web-instance-main.ts) as separate processes: kill() is SIGKILL, as a crashed
// or evicted web pod ends, leaving its claims to lapse.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { graderToken } from "@/grader/test-support/grader-process";
import type { WebInstanceArgs } from "./web-instance-main";

export interface WebInstance {
  instanceId: string;
  kill(): Promise<void>;
}

const main = "tests/faults/support/web-instance-main.ts";
const allowServerOnly = "bench/allow-server-only.mjs";

export async function startWebInstance(options: Omit<WebInstanceArgs, "graderToken" | "pollMs" | "streamIdleMs"> & Partial<WebInstanceArgs>): Promise<WebInstance> {
  const args: WebInstanceArgs = { graderToken, pollMs: 250, streamIdleMs: 15_000, ...options };
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "--import", `./${allowServerOnly}`, main, JSON.stringify(args)], {
    stdio: ["ignore", "pipe", process.env.FAULTS_VERBOSE ? "inherit" : "ignore"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    if (!child.stdout) return reject(new Error("no stdout"));
    createInterface({ input: child.stdout }).once("line", () => resolve());
    child.once("exit", (code) => reject(new Error(`web instance ${args.instanceId} exited with ${code} at start`)));
  });
  return {
    instanceId: args.instanceId,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
