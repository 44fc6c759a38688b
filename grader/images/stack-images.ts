// `npm run stack:images`: the runtime images docker-compose.yml builds on, made offline by the base-image kit
// (stack-recipes.ts) under its lock and cache, then the Node runtime: the kit's Debian base plus the host's own
// Node binary. Idempotent: the kit compares recipe labels, the Node image the binary's hash.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { docker, inspectImage, requireEngine } from "./docker-cli";
import { kitCacheRoot, runKit } from "./kit";
import { defaultMirror } from "./recipes";
import { nodeBaseRecipe, stackRecipes } from "./stack-recipes";

/** The tag the project's Dockerfile names; the major version is pinned, the host supplies the patch level. */
export const nodeRuntimeImage = "shipshape-stack/node:20-bookworm-kit1";
const nodeHashLabel = "shipshape.node-sha256";

const log = (line: string) => process.stderr.write(`[stack-images] ${line}\n`);

async function buildNodeRuntime(): Promise<"current" | "built"> {
  if (!process.version.startsWith("v20.")) {
    throw new Error(`${nodeRuntimeImage} carries the host's Node binary, which must be Node 20 (this is ${process.version})`);
  }
  const binary = await fs.readFile(process.execPath);
  const hash = createHash("sha256").update(binary).digest("hex");
  if ((await inspectImage(nodeRuntimeImage))?.labels[nodeHashLabel] === hash) return "current";
  const context = await fs.mkdtemp(path.join(os.tmpdir(), "stack-node-"));
  try {
    await fs.writeFile(path.join(context, "node"), binary, { mode: 0o755 });
    await fs.writeFile(
      path.join(context, "Dockerfile"),
      [`FROM ${nodeBaseRecipe.name}`, "COPY node /usr/local/bin/node", 'RUN ["/usr/local/bin/node", "--version"]', 'CMD ["node"]', ""].join("\n"),
    );
    await docker([
      "build", "--quiet", "--network", "none",
      "--label", `${nodeHashLabel}=${hash}`,
      "--label", `shipshape.note=Node ${process.version} (the host's binary) on Debian bookworm, standing in for node:20-bookworm-slim`,
      "-t", nodeRuntimeImage, context,
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
  log(`${nodeRuntimeImage}: ${await buildNodeRuntime()}`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
