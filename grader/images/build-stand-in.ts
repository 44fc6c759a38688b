// Builds one stand-in image from its recipe, or does nothing when the engine already holds the image that recipe
// makes (same `shipshape.kit-recipe` label). Resumable: downloads stay in the package and npm caches, and a
// finished root file system is archived by recipe hash, so an interrupted run (or a fresh engine) starts from the
// last finished piece. Work folders are removed in `finally`, mounts first, and swept when a run starts.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { busyboxRootfs, findStaticBusybox } from "./busybox-rootfs";
import { debianFilesRootfs } from "./debian-files";
import { debootstrapRootfs, runInRoot, stripRootfs } from "./debootstrap-rootfs";
import { docker, inspectImage, removeImageIfUnused } from "./docker-cli";
import { importChanges, importRootfs, labelKeys, smokeTestOrDiscard, tarArgs } from "./import-rootfs";
import { readStepTimings, StepRunner, writeStepTimings, type ImageProgress, type KitStep } from "./kit-progress";
import { installNpmOffline, prepareNpmOffline } from "./npm-offline-cache";
import { recipeHash } from "./recipe-hash";
import { baseImageRecipes, kitVersion, type BaseImageRecipe } from "./recipes";
import { runCommand } from "./run-command";

export const alpineShimsDir = path.join(import.meta.dirname, "alpine-shims");
const wheelhouseScript = path.join(import.meta.dirname, "python-wheelhouse.py");
/** Installed command → shim file: adduser and addgroup are one script that looks at its name. */
const alpineShims: Record<string, string> = { adduser: "accounts", addgroup: "accounts", apk: "apk" };

export interface KitContext {
  /** Holds debootstrap's package cache, npm's downloads, logs, finished root file systems and the work folders. */
  cacheRoot: string;
  mirror: string;
  force: boolean;
  log: (line: string) => void;
  onProgress?: (progress: ImageProgress) => void;
  /** Stops the running step (its child process is killed); the run can be resumed later. */
  signal?: AbortSignal;
}

/** What the host adds to a recipe (binaries and scripts copied in): part of the image's identity. */
export async function hostInputs(recipe: BaseImageRecipe): Promise<string[]> {
  const inputs: string[] = [];
  if (recipe.source.kind === "busybox" || (recipe.source.kind === "debian-files" && recipe.source.userland === "busybox")) {
    inputs.push(`busybox:${(await findStaticBusybox()).sha256}`);
  }
  if (recipe.source.kind === "debian-files") {
    const donor = donorRecipe(recipe.source.donor);
    inputs.push(`donor:${recipeHash(donor, await hostInputs(donor))}`);
  }
  if (recipe.pythonWheelhouse) {
    inputs.push(`python-wheelhouse.py:${createHash("sha256").update(await fs.readFile(wheelhouseScript)).digest("hex")}`);
  }
  if (recipe.alpineShims) {
    for (const shim of new Set(Object.values(alpineShims))) {
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
export async function unmountBelow(dir: string): Promise<void> {
  const mounts = await fs.readFile("/proc/self/mounts", "utf8");
  const below = mounts
    .split("\n")
    .map((line) => line.split(" ")[1]?.replace(/\\040/g, " "))
    .filter((m): m is string => !!m && m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const mount of below) await runCommand("umount", ["-l", mount]);
}

/** Work folders left by a run that was killed mid-image; only called while holding the kit lock. */
export async function removeStaleWork(cacheRoot: string): Promise<void> {
  const workRoot = path.join(cacheRoot, "work");
  await unmountBelow(workRoot);
  await fs.rm(workRoot, { recursive: true, force: true });
}

/** A finished root file system, kept by recipe hash: a fresh engine (or an interrupted run) imports it in seconds. */
export function rootfsArchive(cacheRoot: string, name: string, hash: string): string {
  return path.join(cacheRoot, "rootfs", `${fileSafe(name)}-${hash}.tar`);
}

/** True for an archive of this image under any recipe hash (python:3.11's are not python:3.11-slim's). */
export function isArchiveOf(name: string, file: string): boolean {
  const prefix = `${fileSafe(name)}-`;
  return file.startsWith(prefix) && /^[0-9a-f]{20}\.tar$/.test(file.slice(prefix.length));
}

/** Older archives of the same image: a changed recipe makes them useless. */
async function removeOtherArchives(cacheRoot: string, name: string, keep: string): Promise<void> {
  const dir = path.join(cacheRoot, "rootfs");
  for (const file of await fs.readdir(dir).catch(() => [] as string[])) {
    if (isArchiveOf(name, file) && path.join(dir, file) !== keep) await fs.rm(path.join(dir, file), { force: true });
  }
}

function rootfsSteps(recipe: BaseImageRecipe): KitStep[] {
  const steps: KitStep[] = [];
  if (recipe.source.kind === "debootstrap") {
    const extra = recipe.source.backports?.length ? ` and ${recipe.source.backports.join(" ")} from backports` : "";
    steps.push({ id: "packages", label: `Debian packages: ${recipe.source.include.join(" ")}${extra}` });
  } else if (recipe.source.kind === "debian-files") {
    steps.push({ id: "packages", label: `files of Debian packages ${recipe.source.packages.join(" ")} and what they load, from ${recipe.source.donor}` });
  } else {
    steps.push({ id: "packages", label: "busybox root file system" });
  }
  if (recipe.npmOffline) steps.push({ id: "npm", label: `npm ${recipe.npmOffline.npmVersion} and an offline cache of ${recipe.npmOffline.packages.join(", ")}` });
  if (recipe.pythonWheelhouse) steps.push({ id: "wheels", label: `wheels of ${Object.keys(recipe.pythonWheelhouse.dists).join(", ")} from Debian's packages` });
  steps.push({ id: "configure", label: "configure and strip the root file system" }, { id: "archive", label: "archive the root file system" });
  return steps;
}

const importSteps: KitStep[] = [
  { id: "import", label: "docker import" },
  { id: "smoke", label: "smoke test with no network" },
];

/** The stand-in whose root file system a debian-files recipe copies from. */
function donorRecipe(name: string): BaseImageRecipe {
  const donor = baseImageRecipes.find((r) => r.name === name);
  if (donor?.source.kind !== "debootstrap") throw new Error(`the donor ${name} is not a debootstrap stand-in`);
  return donor;
}

/** The donor's archived root file system, built first if the cache lacks it (e.g. `--only` on a fresh machine). */
async function donorArchive(name: string, logFile: string, ctx: KitContext): Promise<string> {
  const donor = donorRecipe(name);
  const archive = rootfsArchive(ctx.cacheRoot, donor.name, recipeHash(donor, await hostInputs(donor)));
  if (!existsSync(archive)) await archiveRootfs(donor, archive, logFile, ctx, new StepRunner(donor.name, rootfsSteps(donor), undefined, logFile, () => undefined));
  return archive;
}

/** Where the `apk` shim finds what `apk add <package>` puts back (alpine-shims/apk reads the same path). */
const apkRepository = "usr/lib/shipshape-apk";

/** Moves a package's paths into the apk shim's repository, so they appear only once `apk add` asks for them. */
async function stageForApk(root: string, pkg: string, paths: readonly string[]): Promise<void> {
  for (const rel of paths.map((p) => p.replace(/^\//, ""))) {
    const staged = path.join(root, apkRepository, pkg, rel);
    await fs.mkdir(path.dirname(staged), { recursive: true });
    await fs.rename(path.join(root, rel), staged);
  }
}

/** Makes the recipe's root file system in `root` (packages, npm, wheels, chroot scripts, strip). */
async function assembleRoot(recipe: BaseImageRecipe, root: string, logFile: string, ctx: KitContext, steps: StepRunner): Promise<void> {
  const { signal } = ctx;
  const source = recipe.source;
  await steps.run("packages", async () => {
    if (source.kind === "debootstrap") {
      await debootstrapRootfs({ ...source, cacheDir: path.join(ctx.cacheRoot, "debootstrap"), target: root, mirror: ctx.mirror, logFile, signal });
    } else if (source.kind === "debian-files") {
      const packages = await debianFilesRootfs(source, await donorArchive(source.donor, logFile, ctx), root, { logFile, signal });
      await fs.appendFile(logFile, `files of: ${packages.join(" ")}\n`);
    } else {
      await busyboxRootfs(root, (await findStaticBusybox()).file);
    }
  });
  const npm = recipe.npmOffline;
  if (npm) {
    await steps.run("npm", async () => {
      const prepared = await prepareNpmOffline(npm, ctx.cacheRoot, logFile);
      const imageCache = recipe.env.npm_config_cache;
      if (!imageCache) throw new Error(`${recipe.name}: npmOffline needs env.npm_config_cache`);
      await installNpmOffline(root, prepared, imageCache);
    });
  }
  const wheels = recipe.pythonWheelhouse;
  if (wheels) {
    await steps.run("wheels", async () => {
      await fs.copyFile(wheelhouseScript, path.join(root, "tmp/python-wheelhouse.py"));
      await runInRoot(root, `python3 /tmp/python-wheelhouse.py ${wheels.dir} '${JSON.stringify(wheels.dists)}'`, logFile, signal);
      await runInRoot(root, `dpkg --purge ${wheels.purge.join(" ")}`, logFile, signal);
    });
  }
  await steps.run("configure", async () => {
    if (recipe.alpineShims) {
      await fs.mkdir(path.join(root, "usr/local/sbin"), { recursive: true });
      for (const [command, shim] of Object.entries(alpineShims)) {
        await fs.copyFile(path.join(alpineShimsDir, shim), path.join(root, "usr/local/sbin", command));
        await fs.chmod(path.join(root, "usr/local/sbin", command), 0o755);
      }
    }
    for (const [pkg, paths] of Object.entries(recipe.apkOffline ?? {})) await stageForApk(root, pkg, paths);
    for (const script of recipe.chroot) await runInRoot(root, script, logFile, signal);
    if (recipe.source.kind !== "busybox") await stripRootfs(root);
  });
}

/** Builds the root file system into its archive (written aside, renamed when complete, so a torn one never counts). */
async function archiveRootfs(recipe: BaseImageRecipe, archive: string, logFile: string, ctx: KitContext, steps: StepRunner): Promise<void> {
  const workRoot = path.join(ctx.cacheRoot, "work");
  await fs.mkdir(workRoot, { recursive: true });
  const work = await fs.mkdtemp(path.join(workRoot, `${fileSafe(recipe.name)}-`));
  const root = path.join(work, "root");
  try {
    await assembleRoot(recipe, root, logFile, ctx, steps);
    await steps.run("archive", async () => {
      await fs.mkdir(path.dirname(archive), { recursive: true });
      await runCommand("tar", ["-C", root, ...tarArgs, "-f", `${archive}.part`], { signal: ctx.signal });
      await fs.rename(`${archive}.part`, archive);
    });
  } finally {
    await unmountBelow(work);
    await fs.rm(work, { recursive: true, force: true });
    await fs.rm(`${archive}.part`, { force: true });
  }
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
  const archive = rootfsArchive(ctx.cacheRoot, recipe.name, hash);
  const cached = !ctx.force && existsSync(archive);
  await fs.writeFile(logFile, "");
  const timingsFile = path.join(ctx.cacheRoot, "timings.json");
  const plan = cached ? importSteps : [...rootfsSteps(recipe), ...importSteps];
  const previous = (await readStepTimings(timingsFile))[recipe.name];
  let loggedStep = 0;
  const steps = new StepRunner(recipe.name, plan, previous, logFile, (p) => {
    ctx.onProgress?.(p);
    if (p.step === loggedStep) return;
    loggedStep = p.step;
    ctx.log(`${recipe.name}: step ${p.step}/${p.steps} ${p.label} (${Math.round((Date.now() - started) / 1000)} s${p.etaSeconds === null ? "" : `, about ${p.etaSeconds} s left`}); log ${path.relative(process.cwd(), logFile)}`);
  });
  if (cached) ctx.log(`${recipe.name}: root file system from the kit's cache (${path.relative(process.cwd(), archive)})`);
  else await archiveRootfs(recipe, archive, logFile, ctx, steps);
  await removeOtherArchives(ctx.cacheRoot, recipe.name, archive);

  const labels = {
    [labelKeys.baseImage]: "1",
    [labelKeys.standInFor]: recipe.name,
    [labelKeys.kitVersion]: kitVersion,
    [labelKeys.recipe]: hash,
    [labelKeys.note]: recipe.note,
  };
  const id = await steps.run("import", () => importRootfs(archive, importChanges(recipe, labels), ctx.signal));
  await steps.run("smoke", () => smokeTestOrDiscard(id, recipe, ctx.signal));
  // Interrupted after its last step: the image stays untagged, as if the run had stopped a moment earlier.
  ctx.signal?.throwIfAborted();
  await docker(["tag", id, recipe.name]);
  if (existing && existing.id !== id) await removeImageIfUnused(existing.id);
  await writeStepTimings(timingsFile, recipe.name, steps.durations);
  const size = (await inspectImage(recipe.name))?.sizeBytes ?? 0;
  ctx.log(`${recipe.name}: tagged ${id.slice(7, 19)}, ${(size / 1e6).toFixed(0)} MB (${Math.round((Date.now() - started) / 1000)} s)`);
  return "built";
}
