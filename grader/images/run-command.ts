// Child processes for the kit: debootstrap, tar, chroot and the docker CLI. Output is captured (and optionally
// appended to a log file) so a failure can show its last lines instead of scrolling thousands past the learner.
import { spawn, type SpawnOptions } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";

export class CommandError extends Error {
  override name = "CommandError";
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`${command} exited with ${exitCode ?? "a signal"}${output ? `:\n${lastLines(output, 25)}` : ""}`);
  }
}

export function lastLines(text: string, count: number): string {
  return text.trimEnd().split("\n").slice(-count).join("\n");
}

export interface RunOptions {
  cwd?: string;
  input?: string;
  /** Appends stdout and stderr here as they arrive. */
  logFile?: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

const outputCap = 4 * 1024 * 1024;

export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const spawnOptions: SpawnOptions = { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, spawnOptions);
    const log: WriteStream | undefined = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : undefined;
    let stdout = "";
    let stderr = "";
    // Kept bounded: debootstrap and npm can print megabytes; the tail is what explains a failure.
    const keep = (acc: string, chunk: Buffer) => {
      const next = acc + chunk.toString("utf8");
      return next.length > outputCap ? next.slice(-outputCap) : next;
    };
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout = keep(stdout, chunk);
      log?.write(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = keep(stderr, chunk);
      log?.write(chunk);
    });
    child.on("error", (err) => {
      log?.end();
      reject(err);
    });
    child.on("close", (code) => {
      log?.end();
      if (code === 0) resolve({ stdout, stderr });
      else reject(new CommandError([command, ...args].join(" "), code, `${stdout}\n${stderr}`.trim()));
    });
    child.stdin?.end(options.input ?? "");
  });
}

/** `producer | consumer`, failing if either side fails; resolves with the consumer's stdout. */
export function runPipe(
  producer: { command: string; args: readonly string[]; cwd?: string },
  consumer: { command: string; args: readonly string[] },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const left = spawn(producer.command, producer.args, { cwd: producer.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const right = spawn(consumer.command, consumer.args, { stdio: ["pipe", "pipe", "pipe"] });
    let leftErr = "";
    let rightOut = "";
    let rightErr = "";
    let leftCode: number | null | undefined;
    let rightCode: number | null | undefined;
    left.stderr.on("data", (c: Buffer) => (leftErr += c.toString("utf8")));
    right.stdout.on("data", (c: Buffer) => (rightOut += c.toString("utf8")));
    right.stderr.on("data", (c: Buffer) => (rightErr += c.toString("utf8")));
    left.stdout.pipe(right.stdin);
    // If the consumer dies early the producer gets EPIPE; the consumer's exit code tells the real story.
    right.stdin.on("error", () => undefined);
    const settle = () => {
      if (leftCode === undefined || rightCode === undefined) return;
      if (leftCode !== 0) reject(new CommandError([producer.command, ...producer.args].join(" "), leftCode, leftErr));
      else if (rightCode !== 0) reject(new CommandError([consumer.command, ...consumer.args].join(" "), rightCode, rightErr));
      else resolve(rightOut);
    };
    left.on("error", reject);
    right.on("error", reject);
    left.on("close", (code) => {
      leftCode = code;
      settle();
    });
    right.on("close", (code) => {
      rightCode = code;
      settle();
    });
  });
}
