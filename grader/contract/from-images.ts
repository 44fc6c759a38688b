// The images a Dockerfile's FROM lines name, read the simple way: enough for the web to say which base images an
// exercise needs and for the grader to hold a grading until they exist. Not the builder's resolution: a FROM
// using a build ARG or an earlier stage is left out here (the grader's resolver decides those before a build).

/** Docker's short names: `busybox` is `busybox:latest` is `docker.io/library/busybox:latest`. */
export function normalImageName(ref: string): string {
  let name = ref.replace(/^(docker\.io|index\.docker\.io)\//, "").replace(/^library\//, "");
  const lastSegment = name.slice(name.lastIndexOf("/") + 1);
  if (!lastSegment.includes(":") && !name.includes("@")) name = `${name}:latest`;
  return name;
}

export function sameImage(a: string, b: string): boolean {
  return normalImageName(a) === normalImageName(b);
}

/** The external images the FROM lines name, in order, each once, as written. */
export function fromImages(dockerfile: string): string[] {
  const logical = dockerfile.replace(/\\\r?\n/g, " ").split(/\r?\n/);
  const stages = new Set<string>();
  const images: string[] = [];
  for (const line of logical) {
    const words = line.trim().split(/\s+/);
    if (words[0]?.toUpperCase() !== "FROM") continue;
    const args = words.slice(1).filter((w) => !w.startsWith("--"));
    const [image, as, stage] = args;
    if (as?.toUpperCase() === "AS" && stage) stages.add(stage.toLowerCase());
    if (!image || image.includes("$") || image.toLowerCase() === "scratch" || stages.has(image.toLowerCase())) continue;
    if (!images.some((known) => sameImage(known, image))) images.push(image);
  }
  return images;
}

/** Compose's default file names a project's `image:` lines are read from. */
const composeFiles = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

/**
 * The base images a submission needs, read the same simple way: the FROM lines of every Dockerfile in it (a Compose
 * project builds its services from their own folders) and the plain `image:` lines of a Compose file at its top.
 */
export function baseImagesOf(files: Readonly<Record<string, string>>): string[] {
  const images: string[] = [];
  const add = (image: string) => {
    if (!images.some((known) => sameImage(known, image))) images.push(image);
  };
  for (const [path, text] of Object.entries(files)) if (path === "Dockerfile" || path.endsWith("/Dockerfile")) fromImages(text).forEach(add);
  for (const name of composeFiles) {
    for (const match of (files[name] ?? "").matchAll(/^\s*image:\s*["']?([^\s"'#$]+)["']?\s*(#.*)?$/gm)) if (match[1]) add(match[1]);
  }
  return images;
}
