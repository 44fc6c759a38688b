// The engine connection. The sandbox folder is the only code of the product that imports dockerode (DESIGN §2).
import Docker from "dockerode";

export type { Docker };

export function connectDocker(dockerHost: string): Docker {
  if (dockerHost.startsWith("unix://")) return new Docker({ socketPath: dockerHost.slice("unix://".length) });
  const url = new URL(dockerHost.replace(/^tcp:/, "http:"));
  return new Docker({ host: url.hostname, port: Number(url.port), protocol: "http" });
}

/** A reachable engine or a message telling the operator how to get one. */
export async function pingEngine(docker: Docker, dockerHost: string): Promise<{ ok: true; version: string } | { ok: false; message: string }> {
  try {
    await docker.ping();
    const v = await docker.version();
    return { ok: true, version: v.Version };
  } catch (err) {
    return {
      ok: false,
      message:
        `no Docker engine at ${dockerHost} (${err instanceof Error ? err.message : String(err)}). ` +
        "Start one: `apt-get install -y docker.io && (dockerd >/var/log/dockerd.log 2>&1 &)`, or point DOCKER_HOST at a running engine.",
    };
  }
}
