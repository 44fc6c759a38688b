// The learner's container: started with the run limits of DESIGN §5 and the learner's HEALTHCHECK re-timed to a
// short interval, so a healthy app is judged in a fraction of a second instead of the 30 s Docker's default takes.
// What it writes is bounded too: /dev/shm by its size, open files by ulimit, and its writable layer by a watchdog
// (overlay2 on ext4 takes no size quota) that stops the container past runDiskBytes.
import { PassThrough } from "node:stream";
import type Dockerode from "dockerode";
import type { Docker } from "./docker-client";
import { labels } from "./labels";
import { printableText } from "./printable-text";

export interface RunLimits {
  runMemoryBytes: number;
  runCpus: number;
  runPids: number;
  runShmBytes: number;
  runDiskBytes: number;
  openFiles: number;
  probeTimeoutMs: number;
}

export interface HealthcheckConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

export interface AppContainerRequest {
  image: string;
  gradingId: string;
  name: string;
  network: string;
  port: number;
  /** The engine host's address the port is published on (GRADER_PUBLISH_HOST). */
  publishHost: string;
  env: Record<string, string>;
  healthcheck: HealthcheckConfig | null;
  readyTimeoutMs: number;
  limits: RunLimits;
}

export interface ContainerState {
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  /** Why the grader stopped it, when a limit it watches (not the kernel's) did. */
  limit: string | null;
  health: { status: string; failingStreak: number; log: { exitCode: number; output: string }[] } | null;
}

export interface ExecResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const second = 1_000_000_000;
const diskWatchMs = 500;
const execOutputCap = 64 * 1024;

/**
 * How often the learner's healthcheck runs while we judge it. Docker 20.10 has no start interval and runs the first
 * probe one interval after start, so the interval is what a healthy app waits for.
 */
export const healthProbeIntervalMs = 250;
const probesPerSecond = 1000 / healthProbeIntervalMs;

/**
 * The learner's healthcheck with its interval shortened; timeouts and start period bounded by our own budget. The
 * retries scale with the interval, so a failing app is still given the time a 1 s interval would give it (3 s by
 * default) before it counts as unhealthy: a slow starter is not failed for our faster polling.
 */
export function retimedHealthcheck(hc: HealthcheckConfig | null | undefined, readyTimeoutMs: number): HealthcheckConfig | null {
  const test = hc?.Test;
  if (!test || test.length === 0 || test[0] === "NONE") return null;
  return {
    Test: test,
    Interval: healthProbeIntervalMs * 1_000_000,
    Timeout: Math.min(hc.Timeout || 30 * second, 5 * second),
    StartPeriod: Math.min(hc.StartPeriod || 0, readyTimeoutMs * 1_000_000),
    Retries: (hc.Retries || 3) * probesPerSecond,
  };
}

export class AppContainer {
  private stoppedFor: string | null = null;
  private diskWatch: NodeJS.Timeout | undefined;

  private constructor(
    private readonly docker: Docker,
    private readonly container: Dockerode.Container,
    readonly name: string,
    readonly port: number,
    private readonly network: string,
    private readonly limits: RunLimits,
  ) {}

  static async start(docker: Docker, req: AppContainerRequest): Promise<AppContainer> {
    const portKey = `${req.port}/tcp`;
    const container = await docker.createContainer({
      name: req.name,
      Image: req.image,
      Env: Object.entries(req.env).map(([k, v]) => `${k}=${v}`),
      ExposedPorts: { [portKey]: {} },
      Labels: { [labels.grading]: req.gradingId },
      ...(req.healthcheck ? { Healthcheck: req.healthcheck } : {}),
      HostConfig: {
        NetworkMode: req.network,
        PortBindings: { [portKey]: [{ HostIp: req.publishHost, HostPort: "" }] },
        Memory: req.limits.runMemoryBytes,
        MemorySwap: req.limits.runMemoryBytes,
        NanoCpus: Math.round(req.limits.runCpus * 1e9),
        PidsLimit: req.limits.runPids,
        ShmSize: req.limits.runShmBytes,
        Ulimits: [{ Name: "nofile", Soft: req.limits.openFiles, Hard: req.limits.openFiles }],
        CapDrop: ["ALL"],
        SecurityOpt: ["no-new-privileges"],
        // The engine's own copy of the container's output is bounded too: an output flood cannot fill the disk.
        LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } },
      },
    });
    const app = new AppContainer(docker, container, req.name, req.port, req.network, req.limits);
    try {
      await container.start();
    } catch (err) {
      await app.remove();
      throw err;
    }
    app.watchDisk();
    return app;
  }

  private watchDisk(): void {
    // @types/dockerode does not declare inspect's `size` query (SizeRw: bytes in the writable layer).
    const inspectSized = this.container.inspect.bind(this.container) as unknown as (opts: { size: boolean }) => Promise<{ SizeRw?: number }>;
    const check = async () => {
      const written = (await inspectSized({ size: true }).catch(() => null))?.SizeRw ?? 0;
      if (written > this.limits.runDiskBytes) {
        this.stoppedFor = `it wrote more than ${Math.round(this.limits.runDiskBytes / (1024 * 1024))} MiB to its file system`;
        await this.container.kill().catch(() => undefined);
        return;
      }
      this.diskWatch = setTimeout(() => void check(), diskWatchMs);
    };
    this.diskWatch = setTimeout(() => void check(), diskWatchMs);
  }

  async state(): Promise<ContainerState> {
    const info = await this.container.inspect();
    const health = info.State.Health;
    return {
      running: info.State.Running,
      exitCode: info.State.ExitCode,
      oomKilled: info.State.OOMKilled,
      error: info.State.Error,
      limit: this.stoppedFor,
      health: health
        ? {
            status: health.Status,
            failingStreak: health.FailingStreak,
            log: (health.Log ?? []).slice(-5).map((l) => ({ exitCode: l.ExitCode, output: l.Output.slice(0, 500) })),
          }
        : null,
    };
  }

  /** Where the app is reachable from the grader: the 127.0.0.1 publication, or the container's own address. */
  async address(via: "published" | "container-ip"): Promise<{ host: string; port: number } | null> {
    const info = await this.container.inspect();
    if (via === "container-ip") {
      const ip = info.NetworkSettings.Networks[this.network]?.IPAddress;
      return ip ? { host: ip, port: this.port } : null;
    }
    const binding = info.NetworkSettings.Ports[`${this.port}/tcp`]?.[0];
    return binding ? { host: binding.HostIp || "127.0.0.1", port: Number(binding.HostPort) } : null;
  }

  async exec(cmd: string[], opts: { user?: string } = {}): Promise<ExecResult> {
    const exec = await this.container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, ...(opts.user ? { User: opts.user } : {}) });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out = collector();
    const err = collector();
    this.docker.modem.demuxStream(stream, out.sink, err.sink);
    const finished = new Promise<boolean>((resolve) => {
      stream.on("end", () => resolve(true));
      stream.on("close", () => resolve(true));
      stream.on("error", () => resolve(true));
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([finished.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), this.limits.probeTimeoutMs)))]);
    clearTimeout(timer);
    if (timedOut) (stream as unknown as { destroy(): void }).destroy();
    const info = await exec.inspect();
    return { exitCode: info.Running ? null : info.ExitCode, stdout: out.text(), stderr: err.text(), timedOut };
  }

  /** The container's last output lines, for evidence; bounded however much it printed. */
  async logTail(lines = 20): Promise<string[]> {
    const raw = await this.container.logs({ stdout: true, stderr: true, tail: lines, follow: false });
    return printableText(demuxBuffer(raw))
      .split("\n")
      .filter((l) => l.trim() !== "")
      .slice(-lines)
      .map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l));
  }

  async remove(): Promise<void> {
    clearTimeout(this.diskWatch);
    await this.container.remove({ force: true, v: true }).catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404 && err.statusCode !== 409) throw err;
    });
  }
}

function collector() {
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new PassThrough();
  sink.on("data", (b: Buffer) => {
    if (size >= execOutputCap) return;
    chunks.push(b);
    size += b.length;
  });
  return { sink, text: () => Buffer.concat(chunks).toString("utf8").slice(0, execOutputCap) };
}

/** Docker multiplexes stdout/stderr of a non-TTY container with 8-byte frame headers. */
export function demuxBuffer(buf: Buffer): string {
  const parts: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const size = buf.readUInt32BE(i + 4);
    parts.push(buf.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return Buffer.concat(parts).toString("utf8");
}
