// The grading service's core, shared by the HTTP server and the CLI: validates a request at the boundary,
// admits it through the bounded queue, runs it, and keeps the engine tidy (start-up sweep, image LRU).
import type { Logger } from "pino";
import { baseImagesOf, fromImages, graderEnvironmentSchema, type GraderHealth, type GradingEvent, type GradingRequest, type Verdict } from "@/grader/contract";
import type { GraderConfig } from "@/grader/config";
import { checkFileMap, UploadRejected } from "@/grader/upload/file-map-policy";
import { connectDocker, pingEngine, type Docker } from "@/grader/sandbox/docker-client";
import { BaseImageProvisioning } from "@/grader/images/base-image-provisioning";
import { kitCacheRoot } from "@/grader/images/kit";
import { baseImageRecipes } from "@/grader/images/recipes";
import { presentBaseImages, pruneLeftovers, removeImage, safeToRemove, trimImageCache } from "@/grader/sandbox/image-store";
import { createMetrics, type GraderMetrics } from "./metrics";
import { InUse } from "./in-use";
import { GradingQueue, type QueueTicket } from "./queue";
import { runGrading, type GradingInput } from "./run-grading";

export class EngineUnavailable extends Error {
  override name = "EngineUnavailable";
}

export type Ticket = QueueTicket;

export class Grader {
  readonly queue: GradingQueue;
  readonly metrics: GraderMetrics = createMetrics();
  private readonly inUse = new InUse();
  private readonly pendingRemoval = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly shutdown = new AbortController();
  private sweepTimer: NodeJS.Timeout | undefined;
  private closing = false;

  private constructor(
    readonly docker: Docker,
    readonly config: GraderConfig,
    readonly log: Logger,
    readonly baseImages: BaseImageProvisioning,
  ) {
    this.queue = new GradingQueue(config.limits.concurrency, config.limits.queueSize);
  }

  /**
   * Connects to the engine (or throws EngineUnavailable saying how to start one). The service sweeps its own
   * leftovers, at start-up and then every GRADER_LEFTOVER_SWEEP_MS; the CLI does not, as it may run beside a
   * service of the same name. The service also makes the lessons' base images its engine lacks, in the background
   * (GRADER_BASE_IMAGES); the CLI only reports them.
   */
  static async start(config: GraderConfig, log: Logger, opts: { sweep: boolean; provisionBaseImages?: boolean }): Promise<Grader> {
    const docker = connectDocker(config.dockerHost);
    const ping = await pingEngine(docker, config.dockerHost);
    if (!ping.ok) throw new EngineUnavailable(ping.message);
    const baseImages = new BaseImageProvisioning({
      mode: opts.provisionBaseImages ? config.baseImages : "off",
      recipes: baseImageRecipes,
      cacheRoot: kitCacheRoot,
      present: (names) => presentBaseImages(docker, names),
      log: { info: (msg) => log.info(msg), error: (msg) => log.error(msg) },
    });
    await baseImages.start();
    const grader = new Grader(docker, config, log, baseImages);
    if (opts.sweep) {
      // Nothing runs yet, so everything of this grader's name found is an earlier process's.
      await grader.sweepLeftovers("removed leftovers of an earlier grader");
      await grader.trimCache();
      grader.scheduleSweep();
    }
    log.info({ engine: ping.version }, "grader ready");
    return grader;
  }

  /** What GET /healthz answers: whether gradings can run, and the environment they run in. */
  async health(): Promise<GraderHealth> {
    const engine = await pingEngine(this.docker, this.config.dockerHost);
    if (!engine.ok) return { ok: false, message: engine.message };
    return {
      ok: true,
      running: this.queue.active,
      queued: this.queue.depth,
      engine: engine.version,
      baseImages: await this.baseImages.status(),
      baseImageProvisioning: this.baseImages.mode,
      offeredImages: this.config.offeredImages,
      buildNetwork: this.config.buildNetwork,
      // The contract names the limits a learner meets; parsing keeps those and drops the operator's own.
      limits: graderEnvironmentSchema.shape.limits.parse(this.config.limits),
    };
  }

  /** The boundary check beyond the request's shape: upload policy and what the listed checks need. */
  prepare(request: GradingRequest): GradingInput {
    checkFileMap(request.files, this.config.limits);
    if (request.baselineFiles) checkFileMap(request.baselineFiles, this.config.limits, "baseline");
    if (request.spec.checks.some((c) => c.id === "image-size-smaller") && !request.baselineFiles) {
      throw new UploadRejected("invalid", "the exercise lists image-size-smaller, so the request must carry baselineFiles (the starter)");
    }
    return { spec: request.spec, files: request.files, ...(request.baselineFiles ? { baselineFiles: request.baselineFiles } : {}) };
  }

  /** Throws QueueFull when there is no room; the HTTP layer answers 503 before it starts streaming. */
  admit(signal: AbortSignal): Ticket {
    try {
      const ticket = this.queue.enter(AbortSignal.any([signal, this.shutdown.signal]));
      this.metrics.queued.set(this.queue.depth);
      return ticket;
    } catch (err) {
      this.metrics.rejected.inc({ reason: "queue-full" });
      throw err;
    }
  }

  async run(ticket: Ticket, input: GradingInput, opts: { signal: AbortSignal; emit: (e: GradingEvent) => void; submissionId?: string }): Promise<Verdict> {
    const job = this.runInner(ticket, input, opts);
    this.inFlight.add(job);
    try {
      return await job;
    } finally {
      this.inFlight.delete(job);
    }
  }

  private async runInner(ticket: Ticket, input: GradingInput, opts: { signal: AbortSignal; emit: (e: GradingEvent) => void; submissionId?: string }): Promise<Verdict> {
    const enqueued = performance.now();
    opts.emit({ type: "queued", position: ticket.position });
    await this.waitForBaseImages(ticket, input, opts);
    const unwatch = ticket.watch((position) => opts.emit({ type: "queued", position }));
    const release = await ticket.turn.finally(unwatch);
    this.metrics.queued.set(this.queue.depth);
    this.metrics.running.inc();
    const queuedMs = performance.now() - enqueued;
    const log = this.log.child({ exercise: input.spec.slug, ...(opts.submissionId ? { submissionId: opts.submissionId } : {}) });
    const started = performance.now();
    try {
      const verdict = await runGrading(input, {
        docker: this.docker,
        config: this.config,
        log,
        emit: opts.emit,
        signal: AbortSignal.any([opts.signal, this.shutdown.signal]),
        queuedMs,
        inUse: this.inUse,
        pendingRemoval: this.pendingRemoval,
      });
      this.metrics.gradings.inc({ status: verdict.status });
      return verdict;
    } finally {
      const ms = performance.now() - started;
      this.queue.recordDuration(ms);
      this.metrics.duration.observe(ms / 1000);
      this.metrics.running.dec();
      release();
      await this.trimCache().catch((err: unknown) => log.error({ err }, "image cache trim failed"));
    }
  }

  /**
   * Holds a grading whose FROM images the grader is still making, saying why, so it is never judged against a
   * missing base. It keeps its place in the queue meanwhile (and a slot once its turn comes): every lesson needs
   * these images, and they arrive in minutes.
   */
  private async waitForBaseImages(ticket: Ticket, input: GradingInput, opts: { signal: AbortSignal; emit: (e: GradingEvent) => void }): Promise<void> {
    const images = [...baseImagesOf(input.files), ...(input.baselineFiles?.Dockerfile ? fromImages(input.baselineFiles.Dockerfile) : [])];
    const tell = () => {
      const pending = this.baseImages.pending(images);
      if (pending.length) opts.emit({ type: "queued", position: ticket.position, waitingFor: { images: pending, reason: this.baseImages.waitingReason(pending) } });
    };
    if (!this.baseImages.pending(images).length) return;
    tell();
    const ticker = setInterval(tell, 10_000);
    try {
      await this.baseImages.settled(images, AbortSignal.any([opts.signal, this.shutdown.signal]));
    } catch (err) {
      // Cancelled while waiting: the place it held in the queue goes to the next grading once its turn comes.
      ticket.turn.then((release) => release(), () => undefined);
      throw err;
    } finally {
      clearInterval(ticker);
    }
  }

  private trimming: Promise<void> = Promise.resolve();

  /**
   * Runs after every grading, while others build too, one trim at a time: it spares what running gradings hold and
   * every image whose chain holds a layer a running build stands on (removing one would make that build fail with
   * "unknown parent image"), so the caps hold under steady load.
   */
  private trimCache(): Promise<void> {
    const run = this.trimming.then(() => this.trimOnce());
    this.trimming = run.catch(() => undefined);
    return run;
  }

  private async trimOnce(): Promise<void> {
    const { imageCacheCount, imageCacheBytes } = this.config.limits;
    const pending = [...this.pendingRemoval];
    this.pendingRemoval.clear();
    for (const tag of pending) {
      if (await safeToRemove(this.docker, tag, this.inUse)) await removeImage(this.docker, tag);
      else this.pendingRemoval.add(tag);
    }
    await trimImageCache(this.docker, this.config.name, { count: imageCacheCount, bytes: imageCacheBytes }, this.inUse);
  }

  /**
   * A grading's cleanup removes what it made, but when the engine dropped the connection while creating something
   * (a network, say), the engine may finish making it after the cleanup looked for it. Nothing running holds that, so
   * a later sweep removes it; one sweep at a time.
   */
  private scheduleSweep(): void {
    this.sweepTimer = setTimeout(() => {
      this.sweepLeftovers("removed what ended gradings left on the engine")
        .catch((err: unknown) => this.log.warn({ err }, "leftover sweep failed; trying again at the next"))
        .finally(() => {
          if (!this.closing) this.scheduleSweep();
        });
    }, this.config.limits.leftoverSweepMs);
    this.sweepTimer.unref();
  }

  /** Removes this grader's containers, networks and volumes that no running grading holds. */
  private async sweepLeftovers(found: string): Promise<void> {
    const swept = await pruneLeftovers(this.docker, this.config.name, (label) => this.inUse.holdsGrading(label));
    if (swept.containers + swept.networks + swept.volumes > 0) this.log.warn(swept, found);
  }

  /** Lets running gradings finish for `graceMs`, then aborts them; their cleanup still runs. */
  async close(graceMs: number): Promise<void> {
    this.closing = true;
    clearTimeout(this.sweepTimer);
    await this.baseImages.close();
    const all = Promise.allSettled([...this.inFlight]);
    const timer = setTimeout(() => this.shutdown.abort(new Error("the grader is shutting down")), graceMs);
    await all;
    clearTimeout(timer);
    this.shutdown.abort(new Error("the grader is shutting down"));
  }
}
