// Watches the containers of one Compose project on the engine (found by Compose's own project label) while the
// grader brings it up and probes it: each service's state as the live view shows it (starting, healthy, exited …)
// and its output as it is written, re-attached after a restart. Output is bounded per service and made printable,
// as every other log the learner sees.
import { PassThrough } from "node:stream";
import type { ComposeServiceState } from "@/grader/contract";
import type Dockerode from "dockerode";
import type { Docker } from "./docker-client";
import { printableText } from "./printable-text";

const pollMs = 250;
const logCapPerService = 256 * 1024;

export const composeLabels = { project: "com.docker.compose.project", service: "com.docker.compose.service" } as const;

export interface ServiceSnapshot {
  service: string;
  containerId: string;
  state: ComposeServiceState;
  /** The engine's words, e.g. "Up 3 seconds (healthy)" or "Exited (1) 2 seconds ago". */
  status: string;
  /** Why the grader stopped it, when it did (a bound of the sandbox). */
  stoppedBecause?: string;
}

export interface ServiceWatchSink {
  state(service: string, state: ComposeServiceState, detail: string): void;
  log(service: string, text: string): void;
}

export function serviceStateOf(state: string, status: string): ComposeServiceState {
  if (state === "running") {
    if (status.includes("(healthy)")) return "healthy";
    if (status.includes("(unhealthy)")) return "unhealthy";
    if (status.includes("(health: starting)")) return "starting";
    return "running";
  }
  if (state === "restarting") return "restarting";
  if (state === "created") return "starting";
  return "exited";
}

export class ComposeServiceWatch {
  private timer: NodeJS.Timeout | undefined;
  private readonly seen = new Map<string, ServiceSnapshot>();
  private readonly streams = new Map<string, NodeJS.ReadableStream>();
  private readonly logged = new Map<string, number>();
  private readonly attachedUntil = new Map<string, number>();
  private polling: Promise<void> = Promise.resolve();
  private polls = 0;
  private readonly stoppedBecause = new Map<string, string>();
  /** Once stopped nothing more is reported: the grading's verdict may already have gone out. */
  private stopped = false;

  constructor(
    private readonly docker: Docker,
    private readonly project: string,
    private readonly sink: ServiceWatchSink,
    /** What a container may write to its own file system (the run's disk bound); sized every other poll. */
    private readonly diskLimitBytes: number,
  ) {}

  start(): void {
    const tick = () => {
      this.polling = this.poll().catch(() => undefined);
      void this.polling.then(() => {
        if (!this.stopped) this.timer = setTimeout(tick, pollMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Looks once more now, so a caller reads states no older than this call. */
  async refresh(): Promise<ServiceSnapshot[]> {
    await this.polling;
    await this.poll().catch(() => undefined);
    return this.snapshot();
  }

  /** A state the grader caused itself (a restart it asked for): shown now, and the next poll reports the way back. */
  mark(service: string, state: ComposeServiceState, detail: string): void {
    const known = this.seen.get(service);
    if (known) this.seen.set(service, { ...known, state, status: detail });
    if (!this.stopped) this.sink.state(service, state, detail);
  }

  snapshot(): ServiceSnapshot[] {
    return [...this.seen.values()];
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const s of this.streams.values()) (s as unknown as { destroy(): void }).destroy();
    this.streams.clear();
  }

  private async poll(): Promise<void> {
    // Sizing the writable layers costs the engine a walk of each: every other poll (500 ms, as an exercise's watchdog).
    const size = this.polls++ % 2 === 0;
    // @types/dockerode does not declare SizeRw, which the engine adds when asked for sizes.
    const containers = (await this.docker.listContainers({ all: true, size, filters: { label: [`${composeLabels.project}=${this.project}`] } })) as (Dockerode.ContainerInfo & { SizeRw?: number })[];
    if (this.stopped) return;
    for (const c of containers) {
      const service = c.Labels[composeLabels.service];
      if (!service) continue;
      if (size && c.State === "running" && (c.SizeRw ?? 0) > this.diskLimitBytes && !this.stoppedBecause.has(c.Id)) {
        this.stoppedBecause.set(c.Id, `it wrote more than ${Math.round(this.diskLimitBytes / (1024 * 1024))} MiB to its file system`);
        await this.docker.getContainer(c.Id).kill().catch(() => undefined);
      }
      const because = this.stoppedBecause.get(c.Id);
      const next: ServiceSnapshot = { service, containerId: c.Id, state: serviceStateOf(c.State, c.Status), status: c.Status, ...(because ? { stoppedBecause: because } : {}) };
      const before = this.seen.get(service);
      this.seen.set(service, next);
      if (!before || before.state !== next.state) this.sink.state(service, next.state, next.status);
      if (c.State === "running" && !this.streams.has(c.Id)) this.attach(service, c.Id);
    }
  }

  private attach(service: string, id: string): void {
    // After a restart only what the new run writes: the earlier output was streamed already.
    const since = this.attachedUntil.get(id) ?? 0;
    const placeholder = new PassThrough();
    this.streams.set(id, placeholder);
    void this.docker
      .getContainer(id)
      .logs({ follow: true, stdout: true, stderr: true, since })
      .then((stream) => {
        if (this.stopped) return (stream as unknown as { destroy(): void }).destroy();
        this.streams.set(id, stream);
        const out = new PassThrough();
        out.on("data", (chunk: Buffer) => this.emitLog(service, chunk.toString("utf8")));
        this.docker.modem.demuxStream(stream, out, out);
        const done = () => {
          this.attachedUntil.set(id, Math.floor(Date.now() / 1000));
          if (this.streams.get(id) === stream) this.streams.delete(id);
        };
        stream.on("end", done);
        stream.on("close", done);
        stream.on("error", done);
      })
      .catch(() => this.streams.delete(id));
  }

  private emitLog(service: string, text: string): void {
    if (this.stopped) return;
    const used = this.logged.get(service) ?? 0;
    if (used >= logCapPerService) return;
    const room = logCapPerService - used;
    const shown = text.length > room ? `${text.slice(0, room)}\n… output of ${service} cut at ${logCapPerService / 1024} KiB …\n` : text;
    this.logged.set(service, used + text.length);
    this.sink.log(service, printableText(shown));
  }
}
