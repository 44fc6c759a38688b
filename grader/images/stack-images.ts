// `npm run stack:images`: the images the project's Dockerfile builds on, made offline: the kit's Debian images
// (stack-recipes.ts) under its lock and cache; two Node runtimes, each a Debian base of the kit plus the host's own
// Node binary — the plain one (the web's) and the grader's, whose base also carries docker-compose and
// docker-registry; and the project's installed node_modules on the plain runtime. Idempotent: the kit compares
// recipe labels, a Node runtime the binary's and its base's hash, the node_modules image npm's record of what is
// installed.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { docker, inspectImage, requireEngine } from "./docker-cli";
import { runCommand } from "./run-command";
import { kitCacheRoot, runKit } from "./kit";
import { defaultMirror } from "./recipes";
import { graderBaseRecipe, nodeBaseRecipe, stackRecipes } from "./stack-recipes";

/** The tags the project's Dockerfile names; the major version is pinned, the host supplies the patch level. */
export const nodeRuntimeImage = "shipshape-stack/node:20-bookworm-kit1";
/** The grader's runtime: Node on the base with docker-compose and docker-registry (the practical projects). */
export const graderRuntimeImage = "shipshape-stack/grader-node:20-bookworm-kit1";
const nodeHashLabel = "shipshape.node-sha256";

/**
 * The Dockerfile's first layer: node_modules from this machine's `npm ci` (the engine's builds have no route to
 * the registry). An image of its own rather than part of the build context: sent with every `docker build` and
 * hashed for every cache lookup, that gigabyte cost minutes per service even when nothing had changed.
 */
export const nodeModulesImage = "shipshape-stack/node-modules:20-bookworm-kit1";
const installedHashLabel = "shipshape.installed-sha256";
// Written into node_modules by the tools at run time (caches, vitest's results); not part of what was installed.
const notInstalled = [".cache", ".vite", ".vite-temp"];

/** What an image made on `base` is made of: the data it adds and the base's id, so a remade base remakes it too. */
async function hashOnBase(base: string, data: Buffer): Promise<string> {
  const found = await inspectImage(base);
  if (!found) throw new Error(`${base} is missing: \`npm run stack:images\` makes it`);
  return createHash("sha256").update(data).update(found.id).digest("hex");
}

const log = (line: string) => process.stderr.write(`[stack-images] ${line}\n`);

/** The host's Node binary on a base of the kit; remade when the binary or the base image changes. */
async function buildNodeRuntime(base: string, tag: string): Promise<"current" | "built"> {
  if (!process.version.startsWith("v20.")) {
    throw new Error(`${tag} carries the host's Node binary, which must be Node 20 (this is ${process.version})`);
  }
  const binary = await fs.readFile(process.execPath);
  const hash = await hashOnBase(base, binary);
  if ((await inspectImage(tag))?.labels[nodeHashLabel] === hash) return "current";
  const context = await fs.mkdtemp(path.join(os.tmpdir(), "stack-node-"));
  try {
    await fs.writeFile(path.join(context, "node"), binary, { mode: 0o755 });
    await fs.writeFile(
      path.join(context, "Dockerfile"),
      [`FROM ${base}`, "COPY node /usr/local/bin/node", 'RUN ["/usr/local/bin/node", "--version"]', 'CMD ["node"]', ""].join("\n"),
    );
    await docker([
      "build", "--quiet", "--network", "none",
      "--label", `${nodeHashLabel}=${hash}`,
      "--label", `shipshape.note=Node ${process.version} (the host's binary) on ${base}, standing in for node:20-bookworm-slim`,
      "-t", tag, context,
    ]);
  } finally {
    await fs.rm(context, { recursive: true, force: true });
  }
  return "built";
}

async function buildNodeModules(): Promise<"current" | "built"> {
  // npm rewrites this record of the installed tree on every install; hashing the tree itself would take a minute.
  const installed = await fs.readFile("node_modules/.package-lock.json").catch(() => {
    throw new Error("no node_modules/.package-lock.json: run `npm ci` first");
  });
  const hash = await hashOnBase(nodeRuntimeImage, installed);
  if ((await inspectImage(nodeModulesImage))?.labels[installedHashLabel] === hash) return "current";
  const context = await fs.mkdtemp(path.join(os.tmpdir(), "stack-node-modules-"));
  try {
    await fs.writeFile(path.join(context, "Dockerfile"), [`FROM ${nodeRuntimeImage}`, "WORKDIR /app", "COPY node_modules ./node_modules", ""].join("\n"));
    // The context streamed as a tar of the Dockerfile and the project's node_modules: nothing copied on disk first.
    const excludes = notInstalled.map((dir) => `--exclude=node_modules/${dir}`);
    await runCommand("bash", [
      "-o", "pipefail", "-c",
      'context="$1" image="$2" label="$3"; shift 3; tar -c "$@" -f - -C "$context" Dockerfile -C "$PWD" node_modules | docker build --quiet --network none --label "$label" -t "$image" -',
      "node-modules", context, nodeModulesImage, `${installedHashLabel}=${hash}`, ...excludes,
    ]);
  } finally {
    await fs.rm(context, { recursive: true, force: true });
  }
  return "built";
}

async function main(): Promise<void> {
  const started = Date.now();
  log(`engine ${await requireEngine()}`);
  await runKit({ recipes: stackRecipes, pull: false, force: false, mirror: defaultMirror, cacheRoot: kitCacheRoot, log });
  log(`${nodeRuntimeImage}: ${await buildNodeRuntime(nodeBaseRecipe.name, nodeRuntimeImage)}`);
  log(`${graderRuntimeImage}: ${await buildNodeRuntime(graderBaseRecipe.name, graderRuntimeImage)}`);
  log(`${nodeModulesImage}: ${await buildNodeModules()}`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
