// `npm run grader:images`: makes sure the engine holds every base image the lessons name (DESIGN §6). Offline it
// builds labelled stand-ins from Debian packages; with --pull it takes the real images from a registry instead.
// Idempotent: a re-run with nothing changed only compares labels. Progress goes to stderr; exit 1 on failure,
// naming the image, the step and its log file. The grader runs the same kit in the background (grader/images/kit.ts).
import { requireEngine } from "./docker-cli";
import { kitUsage, parseKitArgs, type KitOptions } from "./kit-args";
import { kitCacheRoot, runKit } from "./kit";
import { baseImageRecipes } from "./recipes";

const log = (line: string) => process.stderr.write(`[images] ${line}\n`);

async function ensureBaseImages(options: KitOptions): Promise<void> {
  const started = Date.now();
  const engine = await requireEngine();
  const selected = options.only.length ? baseImageRecipes.filter((r) => options.only.includes(r.name)) : baseImageRecipes;
  log(`engine ${engine}; ${selected.length} image(s): ${selected.map((r) => r.name).join(", ")}`);
  const made = await runKit({ recipes: selected, pull: options.pull, force: options.force, mirror: options.mirror, cacheRoot: kitCacheRoot, log });
  const took = ((Date.now() - started) / 1000).toFixed(1);
  log(options.pull ? `pulled in ${took} s` : made.length ? `built ${made.join(", ")} in ${took} s` : `all up to date (${took} s)`);
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
