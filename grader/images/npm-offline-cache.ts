// npm for the node stand-in, and a cache of packages it can install with no network. Fetched on the host from
// the npm registry (reachable at kit-build time, never during a grading), by the same npm version that runs in
// the image, so the cache entries match what that npm looks up.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { NpmOfflineCache } from "./recipes";
import { canonicalJson } from "./recipe-hash";
import { runCommand } from "./run-command";

export interface PreparedNpm {
  /** The unpacked npm package. */
  npmDir: string;
  /** An npm cache folder (holds `_cacache`). */
  cacheDir: string;
}

export async function prepareNpmOffline(spec: NpmOfflineCache, cacheRoot: string, logFile: string): Promise<PreparedNpm> {
  const key = createHash("sha256").update(canonicalJson(spec)).digest("hex").slice(0, 16);
  const dir = path.join(cacheRoot, `npm-offline-${key}`);
  const prepared = { npmDir: path.join(dir, "npm"), cacheDir: path.join(dir, "cache") };
  if (existsSync(path.join(dir, "ready"))) return prepared;

  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(prepared.npmDir, { recursive: true });
  const { stdout } = await runCommand("npm", ["pack", `npm@${spec.npmVersion}`, "--pack-destination", dir, "--json"], { logFile });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error(`npm pack npm@${spec.npmVersion} produced no tarball`);
  await runCommand("tar", ["-xzf", path.join(dir, packed.filename), "-C", prepared.npmDir, "--strip-components=1"]);

  const npmCli = path.join(prepared.npmDir, "bin/npm-cli.js");
  for (const [index, pkg] of spec.packages.entries()) {
    const seed = path.join(dir, `seed-${index}`);
    await fs.mkdir(seed);
    await fs.writeFile(path.join(seed, "package.json"), JSON.stringify({ name: `seed-${index}`, version: "1.0.0", private: true }));
    await runCommand(
      process.execPath,
      [npmCli, "install", "--cache", prepared.cacheDir, "--no-audit", "--no-fund", "--ignore-scripts", "--save", pkg],
      { cwd: seed, logFile },
    );
    await fs.rm(seed, { recursive: true, force: true });
  }
  await fs.rm(path.join(prepared.cacheDir, "_logs"), { recursive: true, force: true });
  await fs.writeFile(path.join(dir, "ready"), new Date().toISOString());
  return prepared;
}

export async function installNpmOffline(root: string, prepared: PreparedNpm, imageCacheDir: string): Promise<void> {
  const npmHome = path.join(root, "usr/local/lib/node_modules/npm");
  await fs.mkdir(path.dirname(npmHome), { recursive: true });
  await runCommand("cp", ["-a", prepared.npmDir, npmHome]);
  await fs.mkdir(path.join(root, "usr/local/bin"), { recursive: true });
  await fs.symlink("../lib/node_modules/npm/bin/npm-cli.js", path.join(root, "usr/local/bin/npm"));
  await fs.symlink("../lib/node_modules/npm/bin/npx-cli.js", path.join(root, "usr/local/bin/npx"));
  const cacheInRoot = path.join(root, imageCacheDir.replace(/^\//, ""));
  await fs.mkdir(path.dirname(cacheInRoot), { recursive: true });
  await runCommand("cp", ["-a", prepared.cacheDir, cacheInRoot]);
  // npm writes index entries and temp files even when offline; a build that switched USER must still run it.
  await runCommand("chmod", ["-R", "a+rwX", cacheInRoot]);
}
