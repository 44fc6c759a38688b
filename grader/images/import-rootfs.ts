// Turns an archived root file system into an image: `docker import` with the image config as --change lines. The
// result stays untagged until it has passed its smoke test, so a failed build never leaves a half-made image
// under a name the lessons use.
import { docker, removeImageIfUnused } from "./docker-cli";
import type { BaseImageRecipe } from "./recipes";

export const labelKeys = {
  baseImage: "shipshape.base-image",
  standInFor: "shipshape.stand-in-for",
  kitVersion: "shipshape.kit-version",
  recipe: "shipshape.kit-recipe",
  note: "shipshape.note",
} as const;

/** Dockerfile lines for `docker import --change`; values are JSON-quoted so spaces and quotes survive. */
export function importChanges(recipe: BaseImageRecipe, labels: Record<string, string>): string[] {
  return [
    ...Object.entries(recipe.env).map(([key, value]) => `ENV ${key}=${JSON.stringify(value)}`),
    ...(recipe.workdir ? [`WORKDIR ${recipe.workdir}`] : []),
    ...(recipe.user ? [`USER ${recipe.user}`] : []),
    ...(recipe.entrypoint ? [`ENTRYPOINT ${JSON.stringify(recipe.entrypoint)}`] : []),
    ...(recipe.cmd ? [`CMD ${JSON.stringify(recipe.cmd)}`] : []),
    ...Object.entries(labels).map(([key, value]) => `LABEL ${key}=${JSON.stringify(value)}`),
  ];
}

/** The engine supplies /dev, /proc and /sys at run time; whatever the bootstrap left there is not image content. */
export const tarArgs = ["--numeric-owner", "--exclude=./dev/*", "--exclude=./proc/*", "--exclude=./sys/*", "-c", "."];

export async function importRootfs(archive: string, changes: readonly string[], signal?: AbortSignal): Promise<string> {
  const out = await docker(["import", ...changes.flatMap((c) => ["--change", c]), archive], { signal });
  const id = out.trim().split("\n").pop() ?? "";
  if (!/^sha256:[0-9a-f]{64}$/.test(id)) throw new Error(`docker import answered "${out.trim()}" instead of an image id`);
  return id;
}

/** `docker run` arguments for the smoke test: a shell script, or an argument list where there is no shell. */
export function smokeRunArgs(id: string, smoke: string | readonly string[]): string[] {
  const [command = "/bin/sh", ...args] = typeof smoke === "string" ? ["/bin/sh", "-ec", smoke] : smoke;
  return ["run", "--rm", "--network", "none", "--entrypoint", command, id, ...args];
}

/** Runs the recipe's smoke test with no network; on failure the untagged image is removed and the error rethrown. */
export async function smokeTestOrDiscard(id: string, recipe: BaseImageRecipe, signal?: AbortSignal): Promise<void> {
  try {
    await docker(smokeRunArgs(id, recipe.smoke), { signal });
  } catch (err) {
    await removeImageIfUnused(id);
    throw err;
  }
}
