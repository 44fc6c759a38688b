// Starts readers-main.ts; finished() resolves with what they saw once every reader has loaded its pages.
import { spawn } from "node:child_process";
import type { ReadersResult } from "./readers-main";

export interface Readers {
  finished(): Promise<ReadersResult>;
}

export function startReaders(base: string, connections: number, paths: readonly string[]): Readers {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/faults/support/readers-main.ts", base, String(connections), ...paths], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    async finished() {
      await exited;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (!line) throw new Error("the readers ended without a result");
      return JSON.parse(line) as ReadersResult;
    },
  };
}
