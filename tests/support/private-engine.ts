// A Docker engine of a test's own, fresh (no images at all), so "first start on a new machine" can be tested
// while colleagues keep grading against the shared engine's lesson images. It shares nothing with the host's
// engine: its own data root, sockets, containerd namespace and address pool; no default bridge and no iptables
// rules (a second engine rewriting the DOCKER chains would break the first one's port publishing). Published
// ports still work on 127.0.0.1 through the userland proxy, which is all the grader needs.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { unmountBelow } from "../../grader/images/build-stand-in";
import { runCommand } from "../../grader/images/run-command";

export interface PrivateEngine {
  /** DOCKER_HOST for the grader and the docker CLI. */
  host: string;
  stop: () => Promise<void>;
}

async function answers(host: string): Promise<boolean> {
  try {
    await runCommand("docker", ["--host", host, "version", "--format", "{{.Server.Version}}"]);
    return true;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** `addressPool`: the subnets its networks take; distinct per engine running at the same time. */
export async function startPrivateEngine(dir: string, addressPool = "10.213.0.0/16"): Promise<PrivateEngine> {
  mkdirSync(dir, { recursive: true });
  const socket = path.join(dir, "docker.sock");
  const host = `unix://${socket}`;
  const namespace = `shipshape-${path.basename(dir)}`;
  const dockerd = spawn(
    "dockerd",
    [
      "--data-root", path.join(dir, "data"),
      "--exec-root", path.join(dir, "exec"),
      "--pidfile", path.join(dir, "dockerd.pid"),
      "--host", host,
      "--bridge", "none",
      "--iptables=false",
      "--ip-masq=false",
      "--containerd-namespace", namespace,
      "--containerd-plugins-namespace", `${namespace}-plugins`,
      "--default-address-pool", `base=${addressPool},size=24`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  dockerd.stderr.on("data", (c: Buffer) => (log = (log + c.toString("utf8")).slice(-20_000)));
  dockerd.stderr.on("error", () => undefined);
  const stop = async () => {
    dockerd.kill("SIGTERM");
    if (!(await exited(dockerd, 30_000))) dockerd.kill("SIGKILL");
    await exited(dockerd, 5_000);
    // Overlay layers and network namespaces the engine may leave mounted would keep the folder from going.
    await unmountBelow(dir);
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 120; i++) {
    if (dockerd.exitCode !== null) break;
    if (await answers(host)) return { host, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the private Docker engine did not start:\n${log.split("\n").slice(-15).join("\n")}`);
}
