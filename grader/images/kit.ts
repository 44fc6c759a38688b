// One run of the base-image kit (DESIGN §6), shared by `npm run grader:images` and the grader's background
// provisioning: takes the checkout's kit lock (waiting for another run when asked to), sweeps what a killed run
// left, then makes each selected image one at a time — a stand-in built from Debian packages, or with `pull` the
// real image from the engine's registry. Each image's outcome is reported on its own: one failure does not stop
// the others, and the run as a whole fails at the end naming every image that failed.
import fs from "node:fs/promises";
import path from "node:path";
import { buildStandIn, removeStaleWork, type KitContext } from "./build-stand-in";
import { docker } from "./docker-cli";
import { acquireKitLock, KitBusyError } from "./kit-lock";
import type { ImageProgress } from "./kit-progress";
import type { BaseImageRecipe } from "./recipes";

export const kitCacheRoot = path.resolve(import.meta.dirname, "../../.data/images-cache");

export type KitEvent =
  | { type: "waiting"; message: string }
  | { type: "start"; image: string }
  | { type: "progress"; progress: ImageProgress }
  | { type: "done"; image: string; outcome: "current" | "built" | "pulled" }
  | { type: "failed"; image: string; error: Error };

export interface KitRun extends Omit<KitContext, "onProgress"> {
  recipes: readonly BaseImageRecipe[];
  pull: boolean;
  onEvent?: (event: KitEvent) => void;
  /** Wait for another run holding the lock instead of failing at once (the background provisioning does). */
  waitForLock?: boolean;
}

export class KitFailed extends Error {
  override name = "KitFailed";
  constructor(readonly failures: { image: string; error: Error }[]) {
    super(failures.map((f) => f.error.message).join("\n"));
  }
}

async function takeLock(run: KitRun): Promise<() => Promise<void>> {
  const file = path.join(run.cacheRoot, "kit.lock");
  let told = false;
  for (;;) {
    try {
      return await acquireKitLock(file);
    } catch (err) {
      if (!(err instanceof KitBusyError) || !run.waitForLock) throw err;
      if (!told) run.onEvent?.({ type: "waiting", message: err.message });
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      run.signal?.throwIfAborted();
    }
  }
}

/** Makes every selected image; resolves with the images it built or pulled, throws KitFailed if any failed. */
export async function runKit(run: KitRun): Promise<string[]> {
  await fs.mkdir(run.cacheRoot, { recursive: true });
  const release = await takeLock(run);
  const made: string[] = [];
  const failures: { image: string; error: Error }[] = [];
  try {
    await removeStaleWork(run.cacheRoot);
    for (const recipe of run.recipes) {
      run.signal?.throwIfAborted();
      run.onEvent?.({ type: "start", image: recipe.name });
      try {
        let outcome: "current" | "built" | "pulled";
        if (run.pull) {
          run.log(`${recipe.name}: docker pull`);
          run.onEvent?.({ type: "progress", progress: { image: recipe.name, step: 1, steps: 1, label: "docker pull", percent: 0, etaSeconds: null } });
          await docker(["pull", recipe.name], { signal: run.signal });
          outcome = "pulled";
        } else {
          outcome = await buildStandIn(recipe, {
            cacheRoot: run.cacheRoot,
            mirror: run.mirror,
            force: run.force,
            log: run.log,
            onProgress: (progress) => run.onEvent?.({ type: "progress", progress }),
            signal: run.signal,
          });
        }
        if (outcome !== "current") made.push(recipe.name);
        run.onEvent?.({ type: "done", image: recipe.name, outcome });
      } catch (err) {
        if (run.signal?.aborted) throw err;
        const error = err instanceof Error ? err : new Error(String(err));
        run.log(`${recipe.name}: failed — ${error.message}`);
        failures.push({ image: recipe.name, error });
        run.onEvent?.({ type: "failed", image: recipe.name, error });
      }
    }
  } finally {
    await release();
  }
  if (failures.length) throw new KitFailed(failures);
  return made;
}
