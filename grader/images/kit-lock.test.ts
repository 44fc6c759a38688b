import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireKitLock, KitBusyError } from "./kit-lock";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kit-lock-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("acquireKitLock", () => {
  it("holds the lock with this pid, refuses a second taker, and frees it on release", async () => {
    const file = path.join(dir, "kit.lock");
    const release = await acquireKitLock(file);
    expect(await readFile(file, "utf8")).toBe(String(process.pid));
    await expect(acquireKitLock(file)).rejects.toThrow(KitBusyError);
    await release();
    const again = await acquireKitLock(file);
    await again();
  });

  it("takes over a lock whose run has died", async () => {
    const file = path.join(dir, "kit.lock");
    // pid_max on Linux is at most 2^22, so this pid cannot be running.
    await writeFile(file, String(2 ** 22 + 1));
    const release = await acquireKitLock(file);
    expect(await readFile(file, "utf8")).toBe(String(process.pid));
    await release();
  });
});
