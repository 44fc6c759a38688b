// The cgroup parent a build's step containers are created under. The classic builder's API has memory and CPU
// options but no pids limit; a parent cgroup with pids.max set bounds every step beneath it (the kernel counts the
// whole subtree). It can be set only where the grader can write the engine's cgroup filesystem (the engine on the
// same host, cgroupfs driver); elsewhere `preset` is false and the build watchdog sets the limit on each step's
// container as it appears.
import fs from "node:fs/promises";
import path from "node:path";

export interface BuildCgroup {
  /** The `cgroupparent` build option. */
  parent: string;
  /** True when pids.max was written before the build: no step can ever exceed it. */
  preset: boolean;
  /** Starts removing it once the engine lets go of it; returns at once. */
  remove(): void;
}

const group = "shipshape-build";

async function writable(file: string): Promise<boolean> {
  return fs.access(file, fs.constants.W_OK).then(() => true, () => false);
}

export async function prepareBuildCgroup(fsRoot: string, key: string, pidsMax: number): Promise<BuildCgroup> {
  const parent = `/${group}/${key}`;
  const v2 = await writable(path.join(fsRoot, "cgroup.subtree_control"));
  // The pids hierarchy's root must already be a cgroup filesystem: only what lies below it is ours to make.
  const hierarchy = v2 ? fsRoot : path.join(fsRoot, "pids");
  const dir = path.join(hierarchy, group, key);
  let preset = false;
  try {
    if (!(await writable(path.join(hierarchy, "cgroup.procs")))) throw new Error("no writable pids hierarchy");
    await fs.mkdir(dir, { recursive: true });
    if (v2) {
      // cgroup v2 hands the pids controller down only where each ancestor enables it for its children.
      await fs.writeFile(path.join(fsRoot, "cgroup.subtree_control"), "+pids");
      await fs.writeFile(path.join(fsRoot, group, "cgroup.subtree_control"), "+pids");
    }
    await fs.writeFile(path.join(dir, "pids.max"), String(pidsMax));
    preset = true;
  } catch {
    // Not our engine's host, or no rights: the watchdog sets the limit per step container instead.
  }
  return { parent, preset, remove: () => removeCgroup(fsRoot, key, v2) };
}

const removalBudgetMs = 30_000;

/**
 * The engine creates the parent in every hierarchy it uses; each can go once the engine has removed the build's
 * last step container, which after an aborted build takes it seconds. Runs in the background: no grading waits.
 */
function removeCgroup(fsRoot: string, key: string, v2: boolean): void {
  void (async () => {
    const dirs = v2 ? [path.join(fsRoot, group, key)] : (await fs.readdir(fsRoot).catch(() => [])).map((h) => path.join(fsRoot, h, group, key));
    const deadline = Date.now() + removalBudgetMs;
    for (const dir of dirs) {
      for (;;) {
        const err = await fs.rmdir(dir).then(() => null, (e: NodeJS.ErrnoException) => e);
        // EBUSY: a step container of the build still holds it.
        if (err?.code !== "EBUSY" || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  })();
}
