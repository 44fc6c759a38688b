// Child processes for the kit: debootstrap, tar, chroot and the docker CLI. Output is captured (and optionally
// appended to a log file) so a failure can show its last lines instead of scrolling thousands past the learner.
// Every stream of a child has an error handler: a child that exits before reading its stdin makes the write fail
// with EPIPE (or ECONNRESET), and an unhandled stream error would take the whole grader down with it. The exit
// code is what tells whether the command worked; a broken pipe is only a symptom of it.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

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
  /** Stops the child (SIGTERM) when aborted; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

const outputCap = 4 * 1024 * 1024;

/** Errors a pipe to or from a child raises when the other end has gone; the child's exit code explains them. */
function isBrokenPipe(err: Error): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "EPIPE" || code === "ECONNRESET" || code === "ERR_STREAM_DESTROYED";
}

export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const commandLine = [command, ...args].join(" ");
    if (options.signal?.aborted) return reject(options.signal.reason as Error);
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"], signal: options.signal });
    const log = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : undefined;
    let streamError: Error | undefined;
    const noteStreamError = (err: Error) => {
      if (!isBrokenPipe(err)) streamError ??= err;
    };
    // A full disk or a removed log folder must not crash the run; the command's own outcome still decides.
    log?.on("error", noteStreamError);
    child.stdin.on("error", noteStreamError);
    child.stdout.on("error", noteStreamError);
    child.stderr.on("error", noteStreamError);

    let stdout = "";
    let stderr = "";
    // Kept bounded: debootstrap and npm can print megabytes; the tail is what explains a failure.
    const keep = (acc: string, chunk: Buffer) => {
      const next = acc + chunk.toString("utf8");
      return next.length > outputCap ? next.slice(-outputCap) : next;
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdout = keep(stdout, chunk);
      if (log?.writable) log.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = keep(stderr, chunk);
      if (log?.writable) log.write(chunk);
    });

    // The log file opens asynchronously and may fail only after a quick child has exited: the outcome is decided
    // once the log is closed, so its error is never lost.
    const logClosed = log ? new Promise<void>((done) => log.once("close", () => done())) : Promise.resolve();
    let settled = false;
    const settle = (outcome: () => Error | null) => {
      if (settled) return;
      settled = true;
      log?.end();
      void logClosed.then(() => {
        const err = outcome();
        if (err) reject(err);
        else resolve({ stdout, stderr });
      });
    };
    child.on("error", (err) => settle(() => (options.signal?.aborted ? (options.signal.reason as Error) : err)));
    child.on("close", (code) =>
      settle(() => {
        if (options.signal?.aborted) return options.signal.reason as Error;
        if (code !== 0) return new CommandError(commandLine, code, `${stdout}\n${stderr}`.trim());
        if (streamError) return new Error(`${commandLine}: ${streamError.message}`, { cause: streamError });
        return null;
      }),
    );
    child.stdin.end(options.input ?? "");
  });
}
