// Root file systems made of Debian packages' files alone, the way distroless images are made: no shell, no
// package manager, no coreutils, only what the named packages and the libraries they load ship. The files are
// taken from a "donor": the archived root file system of another stand-in that already has those packages
// installed (in the kit's cache), so such an image costs reading an archive rather than another debootstrap.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { busyboxRootfs, findStaticBusybox } from "./busybox-rootfs";
import { runCommand } from "./run-command";

export interface DebianFilesSource {
  kind: "debian-files";
  /** The stand-in (a debootstrap recipe) whose root file system has these packages installed. */
  donor: string;
  /** Packages whose files are copied, with everything they depend on. */
  packages: readonly string[];
  /** Copied without following their dependencies (tzdata would drag in debconf and perl, readline-common dpkg). */
  filesOnly: readonly string[];
  /** Files the donor made at install time rather than shipped (the CA bundle), copied as they are. */
  generated: readonly string[];
  /** Symbolic links added (path in the root → target), such as python3 → python3.11. */
  links: Readonly<Record<string, string>>;
  /** distroless: no shell at all, accounts root, nobody and nonroot (65532); busybox: busybox's applets as the shell. */
  userland: "distroless" | "busybox";
}

/** Never in such an image: finding one in the closure means a dependency changed, and the image would lie. */
export const forbiddenPackages = ["bash", "dash", "coreutils", "dpkg", "apt", "perl-base", "debconf", "busybox", "util-linux"];

export interface InstalledPackage {
  name: string;
  /** Each dependency as its alternatives, names only. */
  depends: string[][];
  provides: string[];
}

/** The installed packages in a dpkg status file. */
export function parseDpkgStatus(text: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const stanza of text.split(/\n\n+/)) {
    const fields = new Map<string, string>();
    let last = "";
    for (const line of stanza.split("\n")) {
      if (/^\s/.test(line) && last) fields.set(last, `${fields.get(last) ?? ""}\n${line}`);
      else {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        last = line.slice(0, colon);
        fields.set(last, line.slice(colon + 1).trim());
      }
    }
    const name = fields.get("Package");
    if (!name || !/\binstalled$/.test(fields.get("Status") ?? "")) continue;
    const relations = (value: string | undefined) =>
      (value ?? "")
        .split(",")
        .map((dep) => dep.split("|").map((alt) => alt.trim().replace(/\s*\(.*\)$/, "").replace(/:\w+$/, "")).filter(Boolean))
        .filter((alts) => alts.length > 0);
    packages.push({
      name,
      depends: [...relations(fields.get("Pre-Depends")), ...relations(fields.get("Depends"))],
      provides: relations(fields.get("Provides")).flat(),
    });
  }
  return packages;
}

/** `roots` and what they depend on (first installed alternative, virtual names through Provides), sorted. */
export function packageClosure(installed: readonly InstalledPackage[], roots: readonly string[], filesOnly: readonly string[]): string[] {
  const byName = new Map(installed.map((p) => [p.name, p]));
  const provider = new Map<string, string>();
  for (const p of installed) for (const virtual of p.provides) if (!provider.has(virtual)) provider.set(virtual, p.name);
  const resolve = (name: string) => (byName.has(name) ? name : provider.get(name));
  const found = new Set<string>();
  const visit = (name: string, neededBy: string) => {
    const real = resolve(name);
    if (!real) throw new Error(`${name} (needed by ${neededBy}) is not installed in the donor root`);
    if (found.has(real)) return;
    if (forbiddenPackages.includes(real)) throw new Error(`${real} (needed by ${neededBy}) would bring a shell or package tool into a distroless root`);
    found.add(real);
    if (filesOnly.includes(real)) return;
    for (const alternatives of byName.get(real)?.depends ?? []) {
      const chosen = alternatives.find((alt) => resolve(alt)) ?? alternatives[0];
      if (chosen) visit(chosen, real);
    }
  };
  for (const root of [...roots, ...filesOnly]) visit(root, "the recipe");
  return [...found].sort();
}

/** The donor archive's members ("usr/bin/", "bin"...) as written by the kit's `tar -c .`, folders ending in "/". */
async function archiveMembers(archive: string, listing: string, ctx: { signal?: AbortSignal }): Promise<Set<string>> {
  // Literal names, and into a file: tens of thousands of lines, raw as the dpkg lists have them.
  await runCommand("tar", ["-tf", archive, "--quoting-style=literal", `--index-file=${listing}`], { signal: ctx.signal });
  return new Set((await fs.readFile(listing, "utf8")).split("\n").filter(Boolean).map((m) => m.replace(/^\.\//, "")));
}

/** The donor's merged-/usr links (bin -> usr/bin ...): dpkg lists paths through them, the copy must not. */
async function topLevelLinks(meta: string, names: readonly string[]): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const name of names) links.set(name, await fs.readlink(path.join(meta, name)));
  return links;
}

/** Every non-directory path the packages installed, relative to the root and without the merged-/usr links. */
async function packagePaths(meta: string, members: Set<string>, packages: readonly string[], links: Map<string, string>): Promise<string[]> {
  const paths = new Set<string>();
  for (const name of packages) {
    const info = path.join(meta, "var/lib/dpkg/info");
    const list = [`${name}.list`, `${name}:amd64.list`].map((f) => path.join(info, f)).find((f) => existsSync(f));
    if (!list) throw new Error(`no file list for ${name} in the donor root`);
    for (const line of (await fs.readFile(list, "utf8")).split("\n")) {
      if (!line.startsWith("/")) continue;
      const [top = "", ...rest] = line.slice(1).split("/");
      const rel = [links.get(top) ?? top, ...rest].join("/");
      // Folders come with their files; what the donor's own strip removed (docs, locales) is simply not there.
      if (members.has(rel)) paths.add(rel);
    }
  }
  return [...paths].sort();
}

/**
 * Fills `target` with the packages' files (and the generated ones) from the donor's archived root, keeping owners
 * and modes. Only the package database and the chosen files are read out of the archive, never the whole root.
 */
export async function debianFilesRootfs(source: DebianFilesSource, donorArchive: string, target: string, ctx: { logFile: string; signal?: AbortSignal }): Promise<string[]> {
  const meta = `${target}.donor`;
  const listFile = `${target}.files`;
  try {
    await fs.mkdir(meta, { recursive: true });
    const members = await archiveMembers(donorArchive, `${meta}.members`, ctx);
    const topLinks = [...members].filter((m) => !m.includes("/") && m !== "");
    await runCommand(
      "tar",
      ["-C", meta, "-xf", donorArchive, "--wildcards", "--no-recursion", "./var/lib/dpkg/status", "./var/lib/dpkg/info/*.list", ...topLinks.map((n) => `./${n}`)],
      { logFile: ctx.logFile, signal: ctx.signal },
    );
    const installed = parseDpkgStatus(await fs.readFile(path.join(meta, "var/lib/dpkg/status"), "utf8"));
    const packages = packageClosure(installed, source.packages, source.filesOnly);
    const links = await topLevelLinks(meta, topLinks);
    const paths = [...(await packagePaths(meta, members, packages, links)), ...source.generated.map((p) => p.replace(/^\//, ""))];
    await fs.mkdir(target, { recursive: true });
    if (source.userland === "busybox") await busyboxRootfs(target, (await findStaticBusybox()).file);
    // A link only where the userland put nothing (busybox's /bin is a folder): the loader's /lib64 must resolve.
    for (const [name, to] of links) if (!existsSync(path.join(target, name))) await fs.symlink(to, path.join(target, name));
    await fs.writeFile(listFile, paths.map((p) => `./${p}\n`).join(""));
    await runCommand("tar", ["-C", target, "--numeric-owner", "-xpf", donorArchive, "--no-unquote", "-T", listFile], { logFile: ctx.logFile, signal: ctx.signal });
    for (const [link, to] of Object.entries(source.links)) await fs.symlink(to, path.join(target, link));
    if (source.userland === "distroless") await distrolessAccounts(target);
    return packages;
  } finally {
    await fs.rm(meta, { recursive: true, force: true });
    await fs.rm(`${meta}.members`, { force: true });
    await fs.rm(listFile, { force: true });
  }
}

// As gcr.io/distroless/base-debian12 has them: no login shell anywhere, and the `nonroot` account the :nonroot
// tags run as.
const distrolessPasswd = `root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
`;
const distrolessGroup = `root:x:0:
tty:x:5:
staff:x:50:
nobody:x:65534:
nonroot:x:65532:
`;

async function distrolessAccounts(root: string): Promise<void> {
  await fs.writeFile(path.join(root, "etc/passwd"), distrolessPasswd);
  await fs.writeFile(path.join(root, "etc/group"), distrolessGroup);
  await fs.writeFile(path.join(root, "etc/nsswitch.conf"), "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n");
  await fs.mkdir(path.join(root, "tmp"), { recursive: true, mode: 0o1777 });
  await fs.chmod(path.join(root, "tmp"), 0o1777);
  await fs.mkdir(path.join(root, "root"), { recursive: true, mode: 0o700 });
  await fs.mkdir(path.join(root, "home/nonroot"), { recursive: true, mode: 0o700 });
  await fs.chown(path.join(root, "home/nonroot"), 65532, 65532);
}
