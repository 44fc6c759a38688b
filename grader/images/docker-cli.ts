// The kit talks to the engine through the docker CLI: `tar | docker import --change ...` is the documented way to
// make a base image from a root file system, and it keeps dockerode inside the grader's sandbox (DESIGN §2).
import { CommandError, runCommand } from "./run-command";

export class EngineUnreachableError extends Error {
  override name = "EngineUnreachableError";
}

export async function docker(args: readonly string[], options: { input?: string; signal?: AbortSignal } = {}): Promise<string> {
  try {
    return (await runCommand("docker", args, options)).stdout.trim();
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") {
      throw new EngineUnreachableError("The docker command is not installed. On Debian: apt-get install docker.io");
    }
    throw err;
  }
}

/** Fails with what to do when the engine cannot be reached; returns the engine's version. */
export async function requireEngine(): Promise<string> {
  try {
    return await docker(["version", "--format", "{{.Server.Version}}"]);
  } catch (err) {
    if (err instanceof EngineUnreachableError) throw err;
    const detail = err instanceof CommandError ? err.output : String(err);
    throw new EngineUnreachableError(
      `The Docker engine is unreachable (${detail.split("\n").find((l) => l.trim()) ?? "no answer"}).\n` +
        "Start it (as root: `dockerd > /tmp/dockerd.log 2>&1 &`), or point DOCKER_HOST at a running engine, then run this again.",
    );
  }
}

export interface ImageFacts {
  id: string;
  labels: Record<string, string>;
  sizeBytes: number;
}

/** The image's id, labels and size, or undefined when the engine has no image of that name. */
export async function inspectImage(ref: string): Promise<ImageFacts | undefined> {
  let out: string;
  try {
    out = await docker(["image", "inspect", "--format", "{{json .Id}}\t{{json .Config.Labels}}\t{{.Size}}", ref]);
  } catch (err) {
    if (err instanceof CommandError && /no such image/i.test(err.output)) return undefined;
    throw err;
  }
  const [id, labels, size] = out.split("\t");
  return {
    id: JSON.parse(id ?? '""') as string,
    labels: (JSON.parse(labels ?? "null") as Record<string, string> | null) ?? {},
    sizeBytes: Number(size),
  };
}

/** Removes an image, keeping quiet if it is still in use (a tag elsewhere, a container, a child image). */
export async function removeImageIfUnused(id: string): Promise<void> {
  try {
    await docker(["image", "rm", id]);
  } catch {
    // In use: leaving it is harmless, and the engine's own prune will collect it once it is not.
  }
}
