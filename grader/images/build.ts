// `npm run grader:images`: makes sure the engine holds every base image the lessons name (DESIGN §6). Offline it
// builds labelled stand-ins from Debian packages; with --pull it takes the real images from a registry instead.
// Idempotent: a re-run with nothing changed only compares labels. Progress goes to stderr; exit 1 on failure.
import fs from "node:fs/promises";
import path from "node:path";
import { buildStandIn } from "./build-stand-in";
import { docker, requireEngine } from "./docker-cli";
import { kitUsage, parseKitArgs, type KitOptions } from "./kit-args";
import { acquireKitLock } from "./kit-lock";
import { baseImageRecipes } from "./recipes";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const kitCacheRoot = path.join(repoRoot, ".data/images-cache");

const log = (line: string) => process.stderr.write(`[images] ${line}\n`);

async function ensureBaseImages(options: KitOptions): Promise<void> {
  const started = Date.now();
  const engine = await requireEngine();
  await fs.mkdir(kitCacheRoot, { recursive: true });
  const release = await acquireKitLock(path.join(kitCacheRoot, "kit.lock"));
  try {
    await ensureSelected(options, engine, started);
  } finally {
    await release();
  }
}

async function ensureSelected(options: KitOptions, engine: string, started: number): Promise<void> {
  const selected = options.only.length ? baseImageRecipes.filter((r) => options.only.includes(r.name)) : baseImageRecipes;
  log(`engine ${engine}; ${selected.length} image(s): ${selected.map((r) => r.name).join(", ")}`);
  const built: string[] = [];
  for (const recipe of selected) {
    if (options.pull) {
      log(`${recipe.name}: docker pull`);
      await docker(["pull", recipe.name]);
      continue;
    }
    const result = await buildStandIn(recipe, { cacheRoot: kitCacheRoot, mirror: options.mirror, force: options.force, log });
    if (result === "built") built.push(recipe.name);
  }
  const took = ((Date.now() - started) / 1000).toFixed(1);
  log(options.pull ? `pulled in ${took} s` : built.length ? `built ${built.join(", ")} in ${took} s` : `all up to date (${took} s)`);
}

let options: KitOptions;
try {
  options = parseKitArgs(process.argv.slice(2));
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
if (options.help) {
  process.stderr.write(`${kitUsage}\n`);
  process.exit(0);
}
ensureBaseImages(options).catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
