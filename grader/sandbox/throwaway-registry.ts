// The tag-and-push project's registry: Debian's docker-registry (distribution 2.8) in a container of its own, one
// per grading, removed with it. It sits on a bridge of its own (no NAT out, no learner container on it) and
// publishes its port on the engine host's 127.0.0.1, the only address the engine pushes to over plain HTTP without
// an insecure-registries entry — so only the grading's engine reaches it (a grading bridge has no route to the
// host's loopback, DESIGN §5); the grader reads it where it reads learners' ports (GRADER_PUBLISH_HOST).
//
// Its image is made from the grader host's own docker-registry binary and the libraries it links, like the kit's
// busybox, since no registry image can be pulled here; it carries our repository name and is never trimmed.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import tar from "tar-stream";
import type { Docker } from "./docker-client";
import { labels } from "./labels";
import { runCommand } from "@/grader/images/run-command";
import { createSandboxNetwork, removeSandboxNetwork } from "./sandbox-network";

const registryPort = 5000;
const storage = "/var/lib/registry";
const registryConfig = `version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${storage}
  delete:
    enabled: false
http:
  addr: :${registryPort}
`;

export interface RegistryLimits {
  runMemoryBytes: number;
  runPids: number;
  openFiles: number;
  probeTimeoutMs: number;
}

/** The files of a binary and what `ldd` says it loads, for an image with nothing else in it. */
async function binaryWithLibraries(binary: string): Promise<string[]> {
  const { stdout: out } = await runCommand("ldd", [binary]);
  const libs = [...out.matchAll(/(?:=>\s*)?(\/[^\s]+)\s+\(0x/g)].map((m) => m[1]).filter((p): p is string => p !== undefined);
  return [binary, ...new Set(libs)];
}

const registryDockerfile = (binary: string) =>
  `FROM scratch\nCOPY rootfs/ /\n# COPY makes everything root's: the storage folder is given to the account the registry runs as.\nCOPY --chown=65534:65534 storage/ ${storage}/\nUSER 65534:65534\nEXPOSE ${registryPort}\nENTRYPOINT ["${binary}", "serve", "/etc/docker/registry/config.yml"]\n`;

async function registryImageContext(binary: string): Promise<{ tar: Buffer; hash: string }> {
  const files = await binaryWithLibraries(binary);
  const dockerfile = registryDockerfile(binary);
  const hash = createHash("sha256").update(registryConfig).update(dockerfile);
  const pack = tar.pack();
  const mtime = new Date(0);
  for (const file of files) {
    const data = await fs.readFile(file);
    hash.update(file).update(data);
    pack.entry({ name: path.posix.join("rootfs", file), mode: 0o755, mtime }, data);
  }
  pack.entry({ name: "rootfs/etc/docker/registry/config.yml", mode: 0o644, mtime }, registryConfig);
  pack.entry({ name: "rootfs/etc/passwd", mode: 0o644, mtime }, "nobody:x:65534:65534:nobody:/:/sbin/nologin\n");
  pack.entry({ name: "storage", type: "directory", mode: 0o755, mtime });
  pack.entry({ name: "Dockerfile", mode: 0o644, mtime }, dockerfile);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return { tar: Buffer.concat(chunks), hash: hash.digest("hex").slice(0, 12) };
}

const made = new Map<string, Promise<string>>();

/** The registry image's tag, built once per binary and kept (an operator removes it with the kit's images). */
export function registryImage(docker: Docker, binary: string): Promise<string> {
  let image = made.get(binary);
  if (!image) {
    image = (async () => {
      await fs.access(binary).catch(() => {
        throw new Error(`the registry binary ${binary} is missing on the grader's host (apt-get install docker-registry, or set GRADER_REGISTRY_BINARY)`);
      });
      const ctx = await registryImageContext(binary);
      const tag = `shipshape-kit/registry:${ctx.hash}`;
      if (await docker.getImage(tag).inspect().then(() => true, () => false)) return tag;
      const stream = await docker.buildImage(ctx.tar as unknown as NodeJS.ReadableStream, { t: tag, networkmode: "none", rm: true, forcerm: true });
      await new Promise<void>((resolve, reject) =>
        docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => {
          const failed = err?.message ?? out.find((o) => o.error)?.error;
          if (failed) reject(new Error(`the registry image did not build: ${failed}`));
          else resolve();
        }),
      );
      return tag;
    })();
    made.set(binary, image);
    image.catch(() => made.delete(binary));
  }
  return image;
}

export interface ThrowawayRegistry {
  /** `127.0.0.1:<port>`: the name the engine pushes to, and the pipeline's ${REGISTRY}. */
  pushHost: string;
  /** Where the grader reads the registry's API. */
  apiBase: string;
  remove(): Promise<void>;
}

export interface RegistryRequest {
  gradingId: string;
  binary: string;
  publishHost: string;
  probeVia: "published" | "container-ip";
  limits: RegistryLimits;
  signal: AbortSignal;
}

const registryNetworkOf = (gradingId: string) => `${gradingId}-registry`;

export async function startThrowawayRegistry(docker: Docker, req: RegistryRequest): Promise<ThrowawayRegistry> {
  const image = await registryImage(docker, req.binary);
  const networkId = registryNetworkOf(req.gradingId);
  const network = await createSandboxNetwork(docker, networkId);
  const portKey = `${registryPort}/tcp`;
  const bindings = [{ HostIp: "127.0.0.1", HostPort: "" }, ...(req.publishHost !== "127.0.0.1" ? [{ HostIp: req.publishHost, HostPort: "" }] : [])];
  let container;
  try {
    container = await docker.createContainer({
      name: `shipshape-${req.gradingId}-registry`,
      Image: image,
      ExposedPorts: { [portKey]: {} },
      Labels: { [labels.grading]: networkId },
      HostConfig: {
        NetworkMode: network.name,
        PortBindings: { [portKey]: bindings },
        Memory: req.limits.runMemoryBytes,
        MemorySwap: req.limits.runMemoryBytes,
        NanoCpus: 1e9,
        PidsLimit: req.limits.runPids,
        Ulimits: [{ Name: "nofile", Soft: req.limits.openFiles, Hard: req.limits.openFiles }],
        CapDrop: ["ALL"],
        SecurityOpt: ["no-new-privileges"],
        LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } },
      },
    });
  } catch (err) {
    await removeSandboxNetwork(docker, networkId).catch(() => undefined);
    throw err;
  }
  const remove = async () => {
    await container.remove({ force: true, v: true }).catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404) throw err;
    });
    await removeSandboxNetwork(docker, networkId);
  };
  try {
    await container.start();
    const info = await container.inspect();
    const published = info.NetworkSettings.Ports[portKey] ?? [];
    const loopback = published.find((b) => b.HostIp === "127.0.0.1");
    if (!loopback) throw new Error("the registry's port was not published on 127.0.0.1");
    const readAt =
      req.probeVia === "container-ip"
        ? `${info.NetworkSettings.Networks[network.name]?.IPAddress ?? ""}:${registryPort}`
        : `${req.publishHost}:${(published.find((b) => b.HostIp === req.publishHost) ?? loopback).HostPort}`;
    const registry = { pushHost: `127.0.0.1:${loopback.HostPort}`, apiBase: `http://${readAt}`, remove };
    await waitUntilServing(registry.apiBase, req.limits.probeTimeoutMs * 2, req.signal);
    return registry;
  } catch (err) {
    await remove().catch(() => undefined);
    throw err;
  }
}

async function waitUntilServing(apiBase: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    signal.throwIfAborted();
    const ok = await fetch(`${apiBase}/v2/`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (ok) return;
    if (performance.now() > until) throw new Error(`the grading's registry did not answer within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const manifestTypes = ["application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json"].join(", ");

/** What the registry holds, read over its HTTP API (distribution spec v2). */
export async function registryTags(apiBase: string, repository: string, timeoutMs: number): Promise<string[]> {
  const res = await fetch(`${apiBase}/v2/${repository}/tags/list`, { signal: AbortSignal.timeout(timeoutMs) });
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`the registry answered ${res.status} for the tags of ${repository}`);
  const body = (await res.json()) as { tags?: string[] | null };
  return (body.tags ?? []).sort();
}

export async function registryCatalog(apiBase: string, timeoutMs: number): Promise<string[]> {
  const res = await fetch(`${apiBase}/v2/_catalog?n=100`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`the registry answered ${res.status} for its catalogue`);
  return ((await res.json()) as { repositories?: string[] | null }).repositories ?? [];
}

/** The manifest digest a tag points at, as a pull would see it. */
export async function registryDigest(apiBase: string, repository: string, tag: string, timeoutMs: number): Promise<string | null> {
  const res = await fetch(`${apiBase}/v2/${repository}/manifests/${encodeURIComponent(tag)}`, { method: "HEAD", headers: { accept: manifestTypes }, signal: AbortSignal.timeout(timeoutMs) });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`the registry answered ${res.status} for ${repository}:${tag}`);
  return res.headers.get("docker-content-digest");
}

/** `docker push <repository>:<tag>` through the engine API; the engine's error (it comes inside the stream) is thrown. */
export async function pushImage(docker: Docker, repository: string, tag: string, onLog: (line: string) => void, signal: AbortSignal): Promise<void> {
  // The engine wants X-Registry-Auth on every push; the throwaway registry takes anyone, so an empty one.
  const stream = (await docker.getImage(repository).push({ tag, authconfig: {}, abortSignal: signal }));
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(
      stream,
      (err: Error | null, out: { error?: string }[]) => {
        const failed = err?.message ?? out.find((o) => o.error)?.error;
        if (failed) reject(new Error(failed));
        else resolve();
      },
      (event: { status?: string; id?: string; progress?: string }) => {
        // Per-layer progress bars would flood the log; the layer lines that say what happened are enough.
        if (event.status && !event.progress) onLog(`${event.id ? `${event.id}: ` : ""}${event.status}`);
      },
    ),
  );
}

/** Removes tags the pipeline gave the image; the image itself stays as long as a grading tag holds it. */
export async function untag(docker: Docker, ref: string): Promise<void> {
  await docker
    .getImage(ref)
    .remove({ noprune: true })
    .catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404) throw err;
    });
}

/** `repository@sha256:…` for every push of the image the engine recorded. */
export async function imageRepoDigests(docker: Docker, imageId: string): Promise<string[]> {
  const info = await docker.getImage(imageId).inspect();
  return info.RepoDigests ?? [];
}
