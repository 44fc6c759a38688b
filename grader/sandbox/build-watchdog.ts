// Watches one build's step containers while the classic builder runs them, for what the build API cannot bound:
// what a step writes (its writable layer; overlay2 on ext4 has no size quota, and the build API takes no
// storage-opt) and the engine's free disk. It also sets the pids limit on each step container when the cgroup
// parent could not carry it. Step containers are recognised by the build's own cgroup parent.
import fs from "node:fs/promises";
import type { Docker } from "./docker-client";

export interface WatchdogLimits {
  buildPids: number;
  buildDiskBytes: number;
  engineMinFreeBytes: number;
}

export type Breach = { kind: "step-disk"; message: string } | { kind: "engine-disk"; message: string };

export interface Watchdog {
  /** The most any step of this build was seen to write. */
  readonly peakWrittenBytes: number;
  stop(): Promise<void>;
}

const intervalMs = 250;
const mib = (n: number) => `${Math.round(n / (1024 * 1024))} MiB`;

const engineRoots = new WeakMap<Docker, Promise<string | null>>();

/** The engine's data root when the grader sees the same filesystem (a local engine, or compose's shared volume). */
function engineRoot(docker: Docker): Promise<string | null> {
  let root = engineRoots.get(docker);
  if (!root) {
    root = docker.info().then(
      async (info: { DockerRootDir?: string }) => {
        const dir = info.DockerRootDir;
        return dir && (await fs.statfs(dir).then(() => true, () => false)) ? dir : null;
      },
      () => null,
    );
    engineRoots.set(docker, root);
  }
  return root;
}

/** Free bytes on the engine's disk, or null when the grader cannot see it. */
export async function engineFreeBytes(docker: Docker): Promise<number | null> {
  const root = await engineRoot(docker);
  if (!root) return null;
  const s = await fs.statfs(root);
  return s.bavail * s.bsize;
}

export function lowDiskMessage(free: number, limits: WatchdogLimits): string {
  return `the grading engine has ${mib(free)} of disk left, below the ${mib(limits.engineMinFreeBytes)} it keeps free`;
}

export function watchBuild(docker: Docker, opts: { cgroupParent: string; pidsPreset: boolean; limits: WatchdogLimits; onBreach: (b: Breach) => void }): Watchdog {
  const owned = new Map<string, boolean>();
  const limited = new Set<string>();
  let peak = 0;
  let stopped = false;
  let breached = false;
  const breach = (b: Breach) => {
    if (breached) return;
    breached = true;
    opts.onBreach(b);
  };

  const tick = async () => {
    const running = await docker.listContainers({ filters: { status: ["running"] } });
    for (const c of running) {
      if (!owned.has(c.Id)) {
        const info = await docker.getContainer(c.Id).inspect().catch(() => null);
        owned.set(c.Id, info?.HostConfig.CgroupParent === opts.cgroupParent);
      }
      if (!owned.get(c.Id)) continue;
      const container = docker.getContainer(c.Id);
      if (!opts.pidsPreset && !limited.has(c.Id)) {
        limited.add(c.Id);
        await container.update({ PidsLimit: opts.limits.buildPids }).catch(() => undefined);
      }
      // @types/dockerode does not declare inspect's `size` query (SizeRw: bytes in the writable layer).
      const inspectSized = container.inspect.bind(container) as unknown as (opts: { size: boolean }) => Promise<{ SizeRw?: number }>;
      const sized = await inspectSized({ size: true }).catch(() => null);
      const written = sized?.SizeRw ?? 0;
      peak = Math.max(peak, written);
      if (written > opts.limits.buildDiskBytes) {
        breach({ kind: "step-disk", message: `a build step wrote more than ${mib(opts.limits.buildDiskBytes)} to the image's file system, so the build was stopped` });
      }
    }
    const free = await engineFreeBytes(docker);
    if (free !== null && free < opts.limits.engineMinFreeBytes) breach({ kind: "engine-disk", message: `the build was stopped: ${lowDiskMessage(free, opts.limits)}` });
  };

  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped && !breached) {
      await tick().catch(() => undefined);
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();

  return {
    get peakWrittenBytes() {
      return peak;
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
