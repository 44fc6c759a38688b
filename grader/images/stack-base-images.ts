// `npm run stack:base-images -- --project <compose project>`: copies the lessons' base images from this machine's
// engine (where `npm run grader:images` made them) into the compose stack's dedicated engine, through its socket
// in the `engine-socket` volume. The stack's engine has no route out, so it can neither pull nor build them itself.
// `docker save | docker load` was measured against `docker import` of the kit's archived root file system for
// python:3.11-slim into that engine: 8.4 s against 7.0 s plus the smoke test the import needs, and it serves every
// image the host holds, archived or not (DESIGN §8). Images the stack's engine already holds (same id) are skipped.
//   --bundle   instead, build shipshape/lesson-images:<kit version>: the same images as one `docker save` archive in
//              an image with the docker CLI, the Kubernetes grader pod's `lesson-images` init container.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { docker, inspectImage } from "./docker-cli";
import { baseImageRecipes, kitVersion } from "./recipes";
import { runCommand } from "./run-command";
import { engineRecipe } from "./stack-recipes";

export const lessonImagesBundle = `shipshape/lesson-images:kit${kitVersion}`;

const log = (line: string) => process.stderr.write(`[stack-base-images] ${line}\n`);

/** The stack engine's API: the socket in the project's `engine-socket` volume, as this machine's root sees it. */
export async function stackEngineHost(project: string): Promise<string> {
  const mountpoint = await docker(["volume", "inspect", "--format", "{{.Mountpoint}}", `${project}_engine-socket`]);
  return `unix://${path.join(mountpoint, "docker.sock")}`;
}

async function imageIdOn(host: string, image: string): Promise<string | undefined> {
  try {
    return (await runCommand("docker", ["-H", host, "image", "inspect", "--format", "{{.Id}}", image])).stdout.trim();
  } catch {
    return undefined;
  }
}

/** The lesson images this machine's engine holds; the missing ones are named so the operator can make them. */
async function availableLessonImages(): Promise<string[]> {
  const names = baseImageRecipes.map((r) => r.name);
  const present: string[] = [];
  for (const name of names) if (await inspectImage(name)) present.push(name);
  const missing = names.filter((n) => !present.includes(n));
  if (missing.length) log(`not on this engine (run \`npm run grader:images\` first to offer them): ${missing.join(", ")}`);
  return present;
}

export async function loadIntoStack(project: string, images: readonly string[]): Promise<{ image: string; seconds: number; skipped: boolean }[]> {
  const host = await stackEngineHost(project);
  const results = [];
  for (const image of images) {
    const started = Date.now();
    const local = await inspectImage(image);
    const skipped = local !== undefined && (await imageIdOn(host, image)) === local.id;
    if (!skipped) await runCommand("bash", ["-o", "pipefail", "-c", 'docker save "$1" | docker -H "$2" load', "save-load", image, host]);
    results.push({ image, seconds: (Date.now() - started) / 1000, skipped });
  }
  return results;
}

async function buildBundle(images: readonly string[]): Promise<void> {
  const context = await fs.mkdtemp(path.join(os.tmpdir(), "lesson-images-"));
  try {
    await docker(["save", "-o", path.join(context, "lesson-images.tar"), ...images]);
    const dockerfile = [`FROM ${engineRecipe.name}`, "COPY lesson-images.tar /images/lesson-images.tar", 'CMD ["docker", "load", "-i", "/images/lesson-images.tar"]', ""];
    await fs.writeFile(path.join(context, "Dockerfile"), dockerfile.join("\n"));
    await docker(["build", "--quiet", "--network", "none", "--label", `shipshape.lesson-images=${images.join(",")}`, "-t", lessonImagesBundle, context]);
  } finally {
    await fs.rm(context, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const images = await availableLessonImages();
  if (argv[0] === "--bundle" && argv.length === 1) {
    await buildBundle(images);
    log(`${lessonImagesBundle}: ${images.join(", ")}`);
    return;
  }
  const project = argv[0] === "--project" ? argv[1] : undefined;
  if (!project || argv.length !== 2) throw new Error("usage: npm run stack:base-images -- --project <compose project> | --bundle");
  for (const r of await loadIntoStack(project, images)) log(`${r.image}: ${r.skipped ? "already there" : `loaded in ${r.seconds.toFixed(1)} s`}`);
}

if (import.meta.url === `file://${process.argv[1] ?? ""}`) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    log(`failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
