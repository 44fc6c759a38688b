// A unix-socket relay between a test's grader and the real engine, for faults the engine will not make on cue:
// every connection cut at a chosen moment, or something done to the engine just before one of its replies reaches
// the grader. The shared engine itself is never stopped.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import { loadConfig, type GraderLimits } from "@/grader/config";
import type { Grader } from "@/grader/grading/grader";
import { startTestGrader } from "./test-grader";

export interface EngineRelay {
  /** The DOCKER_HOST to give the grader under test. */
  dockerHost: string;
  /** Drops every open connection and refuses new ones until `restore`. */
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

export interface RelayOptions {
  /**
   * Sees each piece of a reply (with the end of the one before, so a line split across two is still seen whole)
   * and may return work that must finish before that piece reaches the grader.
   */
  beforeReply?: (text: string) => Promise<void> | undefined;
}

async function startEngineRelay(name: string, opts: RelayOptions = {}): Promise<EngineRelay> {
  const socketPath = path.join(os.tmpdir(), `shipshape-${name}-${process.pid}.sock`);
  const enginePath = loadConfig({ requireToken: false }).dockerHost.slice("unix://".length);
  let isCut = false;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (isCut) return void client.destroy();
    const engine = net.connect(enginePath);
    for (const s of [client, engine]) {
      open.add(s);
      s.on("close", () => open.delete(s));
      s.on("error", () => undefined);
    }
    client.pipe(engine);
    if (!opts.beforeReply) return void engine.pipe(client);
    let recent = "";
    engine.on("data", (chunk: Buffer) => {
      const text = recent + chunk.toString("latin1");
      recent = text.slice(-512);
      const work = opts.beforeReply?.(text);
      if (!work) return void client.write(chunk);
      engine.pause();
      const forward = () => {
        client.write(chunk);
        engine.resume();
      };
      work.then(forward, forward);
    });
    engine.on("end", () => client.end());
  });
  fs.rmSync(socketPath, { force: true });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    dockerHost: `unix://${socketPath}`,
    cut() {
      isCut = true;
      for (const s of open) s.destroy();
    },
    restore() {
      isCut = false;
    },
    get isCut() {
      return isCut;
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(socketPath, { force: true });
    },
  };
}

/** A test grader that reaches the engine only through a relay of its own; `close` ends both. */
export async function startRelayedTestGrader(
  name: string,
  opts: RelayOptions & { limits?: Partial<GraderLimits>; log?: Logger } = {},
): Promise<{ relay: EngineRelay; grader: Grader; close: () => Promise<void> }> {
  const relay = await startEngineRelay(name, opts);
  const grader = await startTestGrader(name, opts.limits, { dockerHost: relay.dockerHost }, opts.log);
  return {
    relay,
    grader,
    close: async () => {
      await grader.close(0);
      await relay.close();
    },
  };
}
