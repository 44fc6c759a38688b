// Real child processes: the failures the kit met on a fresh machine (a child exiting before it read its input,
// a log file that cannot be written) must reject or resolve by the exit code, never surface as unhandled errors.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommandError, runCommand } from "./run-command";

let dir: string;
const unhandled: unknown[] = [];
const record = (err: unknown) => unhandled.push(err);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "run-command-"));
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
});
afterAll(async () => {
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
  await rm(dir, { recursive: true, force: true });
});

// Far more than a pipe buffer (64 KiB), so the write is still pending when the child has gone.
const bigInput = "x".repeat(8 * 1024 * 1024);

describe("runCommand", () => {
  it("resolves by the exit code when the child exits 0 without reading its input (EPIPE on stdin)", async () => {
    await expect(runCommand("sh", ["-c", "exit 0"], { input: bigInput })).resolves.toEqual({ stdout: "", stderr: "" });
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });

  it("rejects with the command, its exit code and output when the child fails before reading its input", async () => {
    const err = await runCommand("sh", ["-c", "echo boom >&2; exit 3"], { input: bigInput }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(err).toMatchObject({ exitCode: 3, output: "boom" });
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });

  it("appends output to the log file and still passes input through", async () => {
    const logFile = path.join(dir, "ok.log");
    const { stdout } = await runCommand("sh", ["-c", "cat; echo done >&2"], { input: "hello\n", logFile });
    expect(stdout).toBe("hello\n");
    await new Promise((r) => setTimeout(r, 50));
    expect((await readFile(logFile, "utf8")).split("\n").sort()).toEqual(["", "done", "hello"]);
  });

  it("reports an unwritable log file without crashing, after the command ran", async () => {
    const err = await runCommand("sh", ["-c", "echo out"], { logFile: path.join(dir, "no-such-folder", "x.log") }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/ENOENT/);
    expect(unhandled).toEqual([]);
  });

  it("stops the child when its signal aborts, rejecting with the reason", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = runCommand("sleep", ["30"], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("the grader is shutting down")), 100);
    await expect(run).rejects.toThrow("the grader is shutting down");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("rejects with ENOENT for a command that does not exist", async () => {
    await expect(runCommand("no-such-command-shipshape", [])).rejects.toMatchObject({ code: "ENOENT" });
  });
});
