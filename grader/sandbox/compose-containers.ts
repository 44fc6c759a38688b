// The engine calls a Compose grading makes on the containers Compose started (grader/compose stays free of
// dockerode, DESIGN §2): where the API is reachable, a restart, the last lines of a service, and the sweep that
// removes whatever `docker-compose down` left behind.
import { demuxBuffer } from "./app-container";
import type { Docker } from "./docker-client";
import { printableText } from "./printable-text";

/** host:port of a container's port as the grader reaches it: the published address, or the container's own. */
export async function containerAddress(docker: Docker, containerId: string, port: number, via: "published" | "container-ip"): Promise<string | null> {
  const info = await docker.getContainer(containerId).inspect();
  if (via === "container-ip") {
    const ip = Object.values(info.NetworkSettings.Networks)[0]?.IPAddress;
    return ip ? `${ip}:${port}` : null;
  }
  const binding = info.NetworkSettings.Ports[`${port}/tcp`]?.[0];
  return binding ? `${binding.HostIp || "127.0.0.1"}:${binding.HostPort}` : null;
}

export async function restartContainer(docker: Docker, containerId: string, graceSeconds: number): Promise<void> {
  await docker.getContainer(containerId).restart({ t: graceSeconds });
}

export async function containerLogTail(docker: Docker, containerId: string, lines: number): Promise<string[]> {
  const raw = await docker.getContainer(containerId).logs({ stdout: true, stderr: true, tail: lines, follow: false });
  return printableText(demuxBuffer(raw))
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-lines)
    .map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l));
}

/** Containers, networks and volumes carrying any of the labels (key=value), removed; never throws. */
export async function sweepLabelled(docker: Docker, filters: readonly string[]): Promise<void> {
  for (const filter of filters) {
    const label = [filter];
    for (const c of await docker.listContainers({ all: true, filters: { label } }).catch(() => [])) {
      await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
    }
    for (const n of await docker.listNetworks({ filters: { label } }).catch(() => [])) await docker.getNetwork(n.Id).remove().catch(() => undefined);
    const volumes = await docker.listVolumes({ filters: { label } }).catch(() => ({ Volumes: [] }));
    for (const v of volumes.Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => undefined);
  }
}

