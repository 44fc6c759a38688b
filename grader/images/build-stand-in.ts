// Builds one stand-in image from its recipe, or does nothing when the engine already holds the image that recipe
// makes (same `shipshape.kit-recipe` label). Work folders are removed in `finally`, mounts first.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { busyboxRootfs, findStaticBusybox } from "./busybox-rootfs";
import { debootstrapRootfs, runInRoot, stripRootfs } from "./debootstrap-rootfs";
import { docker, inspectImage, removeImageIfUnused } from "./docker-cli";
import { importChanges, importRootfs, labelKeys, smokeTestOrDiscard } from "./import-rootfs";
import { installNpmOffline, prepareNpmOffline } from "./npm-offline-cache";
import { recipeHash } from "./recipe-hash";
import { kitVersion, type BaseImageRecipe } from "./recipes";
import { runCommand } from "./run-command";

export const alpineShimsDir = path.join(import.meta.dirname, "alpine-shims");
const wheelhouseScript = path.join(import.meta.dirname, "python-wheelhouse.py");
const alpineShims = ["adduser", "addgroup", "apk"];

export interface KitContext {
  /** Holds debootstrap's package cache, npm's downloads, logs and the temporary root file systems. */
  cacheRoot: string;
  mirror: string;
  force: boolean;
  log: (line: string) => void;
}

/** What the host adds to a recipe (binaries and scripts copied in): part of the image's identity. */
export async function hostInputs(recipe: BaseImageRecipe): Promise<string[]> {
  const inputs: string[] = [];
  if (recipe.source.kind === "busybox") inputs.push(`busybox:${(await findStaticBusybox()).sha256}`);
  if (recipe.pythonWheelhouse) {
    inputs.push(`python-wheelhouse.py:${createHash("sha256").update(await fs.readFile(wheelhouseScript)).digest("hex")}`);
  }
  if (recipe.alpineShims) {
    for (const shim of alpineShims) {
      const text = await fs.readFile(path.join(alpineShimsDir, shim));
      inputs.push(`${shim}:${createHash("sha256").update(text).digest("hex")}`);
    }
  }
  return inputs;
}

export function fileSafe(name: string): string {
  return name.replace(/[^a-zA-Z0-9.-]+/g, "_");
}

/** debootstrap mounts /proc and /sys in its target; an interrupted run can leave them mounted. */
async function unmountBelow(dir: string): Promise<void> {
  const mounts = await fs.readFile("/proc/self/mounts", "utf8");
  const below = mounts
    .split("\n")
    .map((line) => line.split(" ")[1]?.replace(/\\040/g, " "))
    .filter((m): m is string => !!m && m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const mount of below) await runCommand("umount", ["-l", mount]);
}

export async function buildStandIn(recipe: BaseImageRecipe, ctx: KitContext): Promise<"current" | "built"> {
  const hash = recipeHash(recipe, await hostInputs(recipe));
  const existing = await inspectImage(recipe.name);
  if (!ctx.force && existing?.labels[labelKeys.recipe] === hash) {
    ctx.log(`${recipe.name}: up to date (recipe ${hash})`);
    return "current";
  }

  const started = Date.now();
  const logDir = path.join(ctx.cacheRoot, "logs");
  await fs.mkdir(logDir, { recursive: true });
  const logFile = path.join(logDir, `${fileSafe(recipe.name)}.log`);
  await fs.writeFile(logFile, "");
  const workRoot = path.join(ctx.cacheRoot, "work");
  await fs.mkdir(workRoot, { recursive: true });
  const work = await fs.mkdtemp(path.join(workRoot, `${fileSafe(recipe.name)}-`));
  const root = path.join(work, "root");
  const step = (what: string) => ctx.log(`${recipe.name}: ${what} (${Math.round((Date.now() - started) / 1000)} s)`);
  try {
    if (recipe.source.kind === "debootstrap") {
      step(`debootstrap ${recipe.source.include.join(" ")} — a minute or two; log ${path.relative(process.cwd(), logFile)}`);
      await debootstrapRootfs({ ...recipe.source, cacheDir: path.join(ctx.cacheRoot, "debootstrap"), target: root, mirror: ctx.mirror, logFile });
    } else {
      step("busybox root file system");
      await busyboxRootfs(root, (await findStaticBusybox()).file);
    }
    if (recipe.npmOffline) {
      step(`npm ${recipe.npmOffline.npmVersion} and an offline cache of ${recipe.npmOffline.packages.join(", ")}`);
      const prepared = await prepareNpmOffline(recipe.npmOffline, ctx.cacheRoot, logFile);
      const imageCache = recipe.env.npm_config_cache;
      if (!imageCache) throw new Error(`${recipe.name}: npmOffline needs env.npm_config_cache`);
      await installNpmOffline(root, prepared, imageCache);
    }
    if (recipe.alpineShims) {
      await fs.mkdir(path.join(root, "usr/local/sbin"), { recursive: true });
      for (const shim of alpineShims) await fs.copyFile(path.join(alpineShimsDir, shim), path.join(root, "usr/local/sbin", shim));
      await runCommand("chmod", ["0755", ...alpineShims.map((s) => path.join(root, "usr/local/sbin", s))]);
    }
    if (recipe.pythonWheelhouse) {
      const { dir, dists, purge } = recipe.pythonWheelhouse;
      step(`wheels of ${Object.keys(dists).join(", ")} from Debian's packages`);
      await fs.copyFile(wheelhouseScript, path.join(root, "tmp/python-wheelhouse.py"));
      await runInRoot(root, `python3 /tmp/python-wheelhouse.py ${dir} '${JSON.stringify(dists)}'`, logFile);
      await runInRoot(root, `dpkg --purge ${purge.join(" ")}`, logFile);
    }
    for (const script of recipe.chroot) await runInRoot(root, script, logFile);
    if (recipe.source.kind === "debootstrap") await stripRootfs(root);

    step("docker import");
    const labels = {
      [labelKeys.baseImage]: "1",
      [labelKeys.standInFor]: recipe.name,
      [labelKeys.kitVersion]: kitVersion,
      [labelKeys.recipe]: hash,
      [labelKeys.note]: recipe.note,
    };
    const id = await importRootfs(root, importChanges(recipe, labels));
    step("smoke test with no network");
    await smokeTestOrDiscard(id, recipe);
    await docker(["tag", id, recipe.name]);
    if (existing && existing.id !== id) await removeImageIfUnused(existing.id);
    const size = (await inspectImage(recipe.name))?.sizeBytes ?? 0;
    step(`tagged ${id.slice(7, 19)}, ${(size / 1e6).toFixed(0)} MB`);
    return "built";
  } finally {
    await unmountBelow(work);
    await fs.rm(work, { recursive: true, force: true });
  }
}
