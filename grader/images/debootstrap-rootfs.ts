// A Debian root file system made by debootstrap (minbase), then stripped of what an image never needs: docs, man
// pages, locales, apt's lists and downloaded packages. Downloads stay in a cache folder so rebuilds are quick.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { debianSuite } from "./recipes";
import { runCommand } from "./run-command";

export class MissingToolError extends Error {
  override name = "MissingToolError";
}

/** debootstrap lives in /usr/sbin, which a non-login root shell may not have on its PATH. */
export function findDebootstrap(): string {
  const found = ["/usr/sbin/debootstrap", "/sbin/debootstrap", "/usr/bin/debootstrap"].find((p) => existsSync(p));
  if (!found) {
    throw new MissingToolError("debootstrap is not installed; the offline base images are built with it. On Debian: apt-get install debootstrap");
  }
  return found;
}

export function debootstrapArgs(options: {
  include: readonly string[];
  cacheDir: string;
  target: string;
  mirror: string;
}): string[] {
  return [
    "--variant=minbase",
    `--cache-dir=${options.cacheDir}`,
    ...(options.include.length ? [`--include=${options.include.join(",")}`] : []),
    debianSuite,
    options.target,
    options.mirror,
  ];
}

/** Folders (relative to the root) emptied in every image: nothing in them is needed to run or build. */
export const emptiedFolders = [
  "usr/share/doc",
  "usr/share/man",
  "usr/share/info",
  "usr/share/locale",
  "usr/share/lintian",
  "var/lib/apt/lists",
  "tmp",
  "root/.cache",
];

/** Single files dropped: downloaded packages, apt's binary caches, debconf backups, install logs. */
export function isStrippedFile(rel: string): boolean {
  return (
    /^var\/cache\/apt\/(archives\/[^/]+\.deb|[^/]+\.bin)$/.test(rel) ||
    /^var\/cache\/debconf\/[^/]+-old$/.test(rel) ||
    /^var\/log\/.+/.test(rel)
  );
}

export async function stripRootfs(root: string): Promise<void> {
  for (const rel of emptiedFolders) {
    const dir = path.join(root, rel);
    const entries = await fs.readdir(dir).catch(() => [] as string[]);
    await Promise.all(entries.map((e) => fs.rm(path.join(dir, e), { recursive: true, force: true })));
  }
  for (const rel of ["var/cache/apt", "var/cache/debconf", "var/log"]) {
    const entries = await fs.readdir(path.join(root, rel), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const file = path.relative(root, path.join(entry.parentPath, entry.name));
      if (!entry.isDirectory() && isStrippedFile(file)) await fs.rm(path.join(root, file), { force: true });
    }
  }
}

export async function debootstrapRootfs(options: {
  include: readonly string[];
  backports?: readonly string[];
  cacheDir: string;
  target: string;
  mirror: string;
  logFile: string;
  signal?: AbortSignal;
}): Promise<void> {
  await fs.mkdir(options.cacheDir, { recursive: true });
  try {
    await runCommand(findDebootstrap(), debootstrapArgs(options), { logFile: options.logFile, signal: options.signal });
  } catch (err) {
    // debootstrap's own log, the one that names the failing package, lives in the target about to be removed.
    const own = await fs.readFile(path.join(options.target, "debootstrap/debootstrap.log"), "utf8").catch(() => "");
    await fs.appendFile(options.logFile, `\n--- debootstrap.log ---\n${own}`);
    throw err;
  }
  if (options.backports?.length) await installBackports(options.target, options.backports, options.mirror, options.logFile, options.signal);
}

export function backportsSources(mirror: string): string {
  return `deb ${mirror} ${debianSuite}-backports main\n`;
}

/** apt inside the new root, using the host's network and resolver, then forgets the backports source again. */
async function installBackports(root: string, packages: readonly string[], mirror: string, logFile: string, signal?: AbortSignal): Promise<void> {
  const sources = path.join(root, "etc/apt/sources.list.d/backports.list");
  const resolv = path.join(root, "etc/resolv.conf");
  await fs.writeFile(sources, backportsSources(mirror));
  await fs.copyFile("/etc/resolv.conf", resolv);
  try {
    await runInRoot(
      root,
      `apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -q -y --no-install-recommends -t ${debianSuite}-backports ${packages.join(" ")} && apt-get clean`,
      logFile,
      signal,
    );
  } finally {
    await fs.rm(sources, { force: true });
    await fs.writeFile(resolv, "");
  }
}

export async function runInRoot(root: string, script: string, logFile: string, signal?: AbortSignal): Promise<void> {
  await runCommand("chroot", [root, "/bin/sh", "-ec", script], { logFile, signal });
}
