// Everything one grading builds and starts, made lazily and at most once, in the order the checks ask for it.
// The session owns the grading's engine objects and removes them in cleanup(); the runner calls it in finally.
import { createHash, randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { ExerciseSpec, FileMap, GradingEvent, ImageSummary } from "@/grader/contract";
import { gradingStepNames } from "@/grader/contract";
import type { GraderConfig } from "@/grader/config";
import { SkipCheck, type AppReadiness, type AppStart, type BuiltImage, type GradingSession, type RunningApp, type SessionResource, type VariantBuild } from "@/grader/checks/check";
import { baseImageOf, parseDockerfile, type DockerfileModel } from "@/grader/checks/dockerfile-model";
import { pickSourceFile } from "@/grader/checks/dependency-files";
import { layerScanMatch } from "@/grader/checks/layer-patterns";
import { AppContainer, retimedHealthcheck } from "@/grader/sandbox/app-container";
import { BindWatch, readListeningSockets } from "@/grader/sandbox/listening-sockets";
import { resolveBuildSources, type BuildPlan } from "@/grader/build-plan/resolve-sources";
import { buildImage, isCacheRace, notBuilt, type BuildResult, type LogBudget } from "@/grader/sandbox/build-image";
import { packContext, type BuildContext } from "@/grader/sandbox/build-context";
import type { Docker } from "@/grader/sandbox/docker-client";
import { baselineImageTag, sessionImageTag } from "@/grader/sandbox/image-names";
import { baseImageFacts, claimLeftLayers, imageConfig, tagImage, imageLayerCount, summarizeImage } from "@/grader/sandbox/image-store";
import { scanImageLayers, type LayerHit } from "@/grader/sandbox/layer-scan";
import { createSandboxNetwork, removeSandboxNetwork, type SandboxNetwork } from "@/grader/sandbox/sandbox-network";
import { PipelineGrading, type PipelineOutcome } from "@/grader/pipeline/pipeline-grading";
import { ComposeGrading } from "@/grader/compose/compose-grading";
import { httpProbe } from "./http-probe";
import type { InUse } from "./in-use";

export interface SessionDeps {
  docker: Docker;
  config: GraderConfig;
  log: Logger;
  signal: AbortSignal;
  emit: (event: GradingEvent) => void;
  inUse: InUse;
  /** Tags of throwaway images and of failed builds' layers, removed by the grader once no running build stands on them. */
  pendingRemoval: Set<string>;
}

const memo = <T>(fn: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Times a build lost to a concurrent cleanup is built again before the grading is called not gradable. */
const cacheRaceRebuilds = 2;
const lostToCleanup = (r: BuildResult): r is Extract<BuildResult, { ok: false }> => !r.ok && r.reason === "error" && isCacheRace(r.message);

/** Starts work a later check will await; its failure is reported by that check, not here. */
const startEarly = (work: Promise<unknown>) => void work.catch(() => undefined);

export class Session implements GradingSession {
  readonly id: string;
  readonly dockerfile: DockerfileModel | null;
  readonly buildNetwork: string;
  readonly baselines: { label: string; sizeBytes: number }[] = [];
  buildMs = 0;
  private runStarted: number | undefined;
  private runEnded: number | undefined;
  private readonly containers: AppContainer[] = [];
  private network: Promise<SandboxNetwork> | undefined;
  private readonly throwawayTags = new Set<string>();
  private readonly stepsSent = new Set<string>();
  private readonly logBudget: LogBudget;
  private readonly heldKeys: string[] = [];
  private pipelineGrading: PipelineGrading | undefined;
  private composeGrading: ComposeGrading | undefined;

  constructor(
    private readonly deps: SessionDeps,
    readonly spec: ExerciseSpec,
    readonly files: FileMap,
    readonly baselineFiles: FileMap | undefined,
    /** What the exercise's checks will ask for, so it is made beside the build rather than after it. */
    private readonly prepares: ReadonlySet<SessionResource> = new Set(),
  ) {
    this.id = `${deps.config.name}-${randomBytes(6).toString("hex")}`;
    deps.inUse.hold(this.id);
    const source = files.Dockerfile;
    this.dockerfile = source === undefined ? null : parseDockerfile(source);
    this.buildNetwork = deps.config.buildNetwork;
    this.logBudget = { remaining: deps.config.limits.buildLogMaxBytes, truncated: false };
  }

  get imageTag(): string {
    return sessionImageTag(this.id, "image");
  }

  get runMs(): number {
    return this.runStarted === undefined ? 0 : (this.runEnded ?? performance.now()) - this.runStarted;
  }

  step(name: (typeof gradingStepNames)[number], progress?: { current: number; total: number; label: string }): void {
    if (!progress && this.stepsSent.has(name)) return;
    this.stepsSent.add(name);
    this.deps.emit({ type: "step", name, index: gradingStepNames.indexOf(name), total: gradingStepNames.length, ...(progress ? { progress } : {}) });
  }

  private assertLive(): void {
    if (this.deps.signal.aborted) throw this.deps.signal.reason instanceof Error ? this.deps.signal.reason : new Error("the grading was cancelled");
  }

  private packed = memo((): Promise<BuildContext> => packContext(this.files));

  context = memo(async () => {
    const ctx = await this.packed();
    return { sizeBytes: ctx.tar.length, paths: ctx.paths, excluded: ctx.excluded };
  });

  private readonly plans = new Map<string, Promise<BuildPlan>>();

  /** Every build is resolved first (grader/build-plan): only local sources and offered images reach the engine. */
  private async refusal(files: FileMap): Promise<BuildResult | null> {
    const source = files.Dockerfile;
    if (source === undefined) return notBuilt("refused", "There is no Dockerfile to build.");
    let plan = this.plans.get(source);
    if (!plan) {
      plan = resolveBuildSources(source, { offered: this.deps.config.offeredImages, buildArgs: {}, inspect: (ref) => baseImageFacts(this.deps.docker, ref) });
      this.plans.set(source, plan);
    }
    const decided = await plan;
    if (decided.ok) return null;
    this.deps.log.info({ kind: decided.kind, line: decided.line }, "build refused before it started");
    return notBuilt(decided.kind === "missing" ? "unavailable" : "refused", decided.message);
  }

  private async runBuild(kind: string, files: FileMap, tag: string, opts: { progress: boolean }): Promise<BuildResult> {
    this.assertLive();
    const refused = await this.refusal(files);
    if (refused) return refused;
    const ctx = files === this.files ? await this.packed() : await packContext(files);
    const prefix = kind === "image" ? "" : `[${kind}] `;
    const attempt = () => buildImage(this.deps.docker, {
      context: ctx.tar,
      tag,
      network: this.buildNetwork,
      limits: this.deps.config.limits,
      cgroupFs: this.deps.config.cgroupFs,
      signal: this.deps.signal,
      logBudget: this.logBudget,
      onLog: (text) => this.deps.emit({ type: "log", source: "build", text: prefix ? prefixLines(text, prefix) : text }),
      onLayer: (id) => this.deps.inUse.holdLayer(this.id, id),
      ...(opts.progress ? { onStep: (s) => this.step("build", { current: s.index, total: s.total, label: s.instruction.slice(0, 200) }) } : {}),
    });
    let result = await attempt();
    // Identical builds finishing around this one trim the very images its cache hits are (seen twice in a row with
    // seven gradings of one Dockerfile), so a lost build is built again up to twice.
    for (let again = 1; again <= cacheRaceRebuilds && lostToCleanup(result); again++) {
      this.deps.log.warn({ message: result.message, again }, "build lost a cached layer to a concurrent cleanup; building again");
      result = await attempt();
    }
    // Lost every time: the engine's image store is what failed, not the Dockerfile (not gradable, nothing counted).
    if (lostToCleanup(result)) {
      result = { ...result, reason: "unavailable", message: `The engine lost image layers while building (${result.message}). That is our fault, not yours: nothing was counted.` };
    }
    if (!result.ok) for (const left of await claimLeftLayers(this.deps.docker, result.dangling, (i) => `${tag}-left-${i}`)) this.deps.pendingRemoval.add(left);
    if (result.ok) {
      // Earlier stages' images get our tags too, so the cache trim (or cleanup) removes them with this build.
      for (const [i, leaf] of result.stageLeaves.entries()) {
        const ref = `${tag}-stage-${i}`;
        if ((await tagImage(this.deps.docker, leaf, ref)) && this.throwawayTags.has(tag)) this.throwawayTags.add(ref);
      }
    }
    return result;
  }

  build = memo(async () => {
    this.step("build");
    if (this.prepares.has("app")) startEarly(this.ensureNetwork());
    const result = await this.runBuild("image", this.files, this.imageTag, { progress: true });
    this.buildMs = result.durationMs;
    this.deps.log.info({ ok: result.ok, ms: result.durationMs }, "build finished");
    if (result.ok) {
      // Image reads run while the container starts: the verdict's summary always, the layer scan when a check needs it.
      startEarly(this.summary());
      if (this.prepares.has("layer-scan")) startEarly(this.layerScan());
    }
    return result;
  });

  image = memo(async (): Promise<BuiltImage> => {
    const result = await this.build();
    if (!result.ok) throw new SkipCheck("The image did not build; see the build check.");
    return { tag: result.tag, sizeBytes: result.sizeBytes, config: await imageConfig(this.deps.docker, result.tag), build: result };
  });

  summary = memo(async (): Promise<ImageSummary | null> => {
    // A Compose project has no root Dockerfile: its image is the API service's, when the grader built one.
    if (this.spec.project?.kind === "compose") {
      const tag = this.composeGrading?.builtImage(this.spec.project.apiService);
      return tag ? summarizeImage(this.deps.docker, tag) : null;
    }
    const built = await this.build();
    return built.ok ? summarizeImage(this.deps.docker, built.tag) : null;
  });

  private ensureNetwork(): Promise<SandboxNetwork> {
    return (this.network ??= createSandboxNetwork(this.deps.docker, this.id));
  }

  startApp = memo(async (): Promise<AppStart> => {
    const image = await this.image();
    const wanted = this.spec.app.port;
    const port = wanted === "expose" ? image.config.exposedPorts[0] : wanted;
    if (port === undefined) return { ok: false, message: "The image EXPOSEs no TCP port, and this exercise takes the app's port from EXPOSE.", evidence: { exposedPorts: [] } };
    const greeting = this.spec.greeting ? `shipshape-${randomBytes(4).toString("hex")}` : null;
    const env = { ...this.spec.app.env, ...(this.spec.greeting && greeting ? { [this.spec.greeting.env]: greeting } : {}) };
    this.assertLive();
    this.step("start");
    const { limits } = this.deps.config;
    const network = await this.ensureNetwork();
    this.runStarted = performance.now();
    let container: AppContainer;
    try {
      container = await AppContainer.start(this.deps.docker, {
        image: image.tag,
        gradingId: this.id,
        name: `shipshape-${this.id}-app`,
        network: network.name,
        port,
        publishHost: this.deps.config.publishHost,
        env,
        healthcheck: retimedHealthcheck(image.config.healthcheck, limits.readyTimeoutMs),
        readyTimeoutMs: limits.readyTimeoutMs,
        limits,
      });
    } catch (err) {
      // The engine refusing to start it is the learner's image at fault (e.g. CMD names a missing binary).
      return { ok: false, message: `The container could not start: ${err instanceof Error ? err.message.replace(/^\(HTTP code \d+\) [^-]*- /, "") : String(err)}`, evidence: {} };
    }
    this.containers.push(container);
    const probeVia = this.deps.config.probeVia;
    const probe = async (method: "GET" | "HEAD", path: string, timeoutMs = limits.probeTimeoutMs) => {
      const addr = await container.address(probeVia);
      if (!addr) return { ok: false as const, error: "the port has no address to probe" };
      return httpProbe(`http://${addr.host}:${addr.port}${path}`, method, timeoutMs);
    };
    const hasHealthcheck = retimedHealthcheck(image.config.healthcheck, limits.readyTimeoutMs) !== null;
    const started = performance.now();
    let readiness: AppReadiness = "timeout";
    // Without a healthcheck, the app's listening sockets tell early when it listens where no probe can reach it.
    const bindWatch = hasHealthcheck ? null : new BindWatch(() => readListeningSockets((cmd) => container.exec(cmd)), port);
    let misbound: RunningApp["misbound"] = null;
    for (;;) {
      this.assertLive();
      const state = await container.state();
      if (!state.running) {
        readiness = "exited";
        break;
      }
      if (hasHealthcheck) {
        if (state.health?.status === "healthy") readiness = "healthy";
        else if (state.health?.status === "unhealthy") readiness = "unhealthy";
      } else if ((await probe(this.spec.probe.method, this.spec.probe.path, 1000)).ok) {
        readiness = "listening";
      } else if ((misbound = (await bindWatch?.certain()) ?? null)) {
        readiness = "misbound";
      }
      if (readiness !== "timeout" || performance.now() - started > limits.readyTimeoutMs) break;
      await sleep(100);
    }
    const waitedMs = Math.round(performance.now() - started);
    this.deps.log.info({ readiness, waitedMs, port }, "container readiness");
    this.step("probe");
    const app: RunningApp = {
      port,
      readiness,
      waitedMs,
      misbound,
      greeting,
      env,
      state: () => container.state(),
      exec: (cmd) => container.exec(cmd),
      logTail: (lines) => container.logTail(lines),
      probe: (method, path) => probe(method, path),
      evidence: async () => {
        const state = await container.state();
        return { exitCode: state.running ? null : state.exitCode, oomKilled: state.oomKilled, ...(state.limit ? { stoppedBecause: state.limit } : {}), running: state.running, health: state.health, readiness, waitedMs, logTail: await container.logTail(20) };
      },
    };
    return { ok: true, app };
  });

  app = memo(async (): Promise<RunningApp> => {
    const started = await this.startApp();
    if (!started.ok) throw new SkipCheck("The container did not start; see the starts check.");
    if (started.app.readiness === "exited") throw new SkipCheck("The container stopped; see the starts check.");
    return started.app;
  });

  async buildVariant(kind: "rebuild" | "baseline", files: FileMap): Promise<VariantBuild> {
    if (kind === "baseline") {
      const key = createHash("sha256").update(JSON.stringify(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)))).digest("hex").slice(0, 16);
      const tag = baselineImageTag(this.deps.config.name, key);
      this.deps.inUse.hold(key);
      this.heldKeys.push(key);
      // Built in every grading, as the exercise asks; a baseline kept in the cache makes every step a cache hit.
      const result = await this.runBuild("baseline", files, tag, { progress: false });
      return { label: "first build", result };
    }
    const tag = sessionImageTag(this.id, kind);
    this.throwawayTags.add(tag);
    const source = pickSourceFile((await this.context()).paths);
    if (!source) return { label: "", result: { ok: false, reason: "error", message: "there is no source file to touch", failedStep: null, steps: [], logTail: [], durationMs: 0, dangling: [] } };
    const result = await this.runBuild(kind, { ...files, [source]: `${files[source] ?? ""}\n` }, tag, { progress: false });
    return { label: source, result };
  }

  private readonly alsoBuilt = new Map<string, Promise<VariantBuild>>();

  buildAlso(label: string, files: FileMap): Promise<VariantBuild> {
    let built = this.alsoBuilt.get(label);
    if (!built) {
      const tag = sessionImageTag(this.id, `variant-${this.alsoBuilt.size + 1}`);
      this.throwawayTags.add(tag);
      built = this.runBuild(label, files, tag, { progress: false }).then((result) => ({ label, result }));
      this.alsoBuilt.set(label, built);
    }
    return built;
  }

  pipeline = memo(async (): Promise<PipelineOutcome> => {
    const spec = this.spec.pipeline;
    if (!spec) throw new SkipCheck("This exercise has no pipeline.");
    const { config } = this.deps;
    this.pipelineGrading = new PipelineGrading({
      docker: this.deps.docker,
      gradingId: this.id,
      registryBinary: config.registryBinary,
      publishHost: config.publishHost,
      probeVia: config.probeVia,
      limits: config.limits,
      signal: this.deps.signal,
      build: async () => {
        const result = await this.build();
        return result.ok ? { ok: true, imageId: result.imageId } : { ok: false, message: result.message };
      },
      log: (text) => this.deps.emit({ type: "log", source: "build", text: prefixLines(text, "[pipeline] ") }),
    });
    return this.pipelineGrading.run(spec, this.files);
  });

  compose = memo((): Promise<ComposeGrading> => {
    const project = this.spec.project;
    if (project?.kind !== "compose") return Promise.reject(new SkipCheck("This exercise is not a Compose project."));
    const port = this.spec.app.port;
    if (port === "expose") return Promise.reject(new Error("a Compose project names its API's port in app.port"));
    this.composeGrading = new ComposeGrading({
      docker: this.deps.docker,
      gradingId: this.id,
      project,
      apiPort: port,
      files: this.files,
      config: this.deps.config,
      signal: this.deps.signal,
      emit: this.deps.emit,
      log: this.deps.log,
      build: (label, files) => this.buildAlso(label, files),
    });
    return Promise.resolve(this.composeGrading);
  });

  layerScan = memo(async (): Promise<LayerHit[]> => {
    const image = await this.image();
    const base = this.dockerfile ? baseImageOf(this.dockerfile, this.dockerfile.finalStage) : "scratch";
    const skip = base.toLowerCase() === "scratch" ? 0 : await imageLayerCount(this.deps.docker, base).catch(() => 0);
    return scanImageLayers(this.deps.docker, image.tag, skip, layerScanMatch);
  });

  recordBaseline(label: string, sizeBytes: number): void {
    if (!this.baselines.some((b) => b.label === label)) this.baselines.push({ label, sizeBytes });
  }

  /** Removes every container and the network, and the images only this grading needed. Never throws. */
  async cleanup(): Promise<void> {
    this.runEnded ??= performance.now();
    await this.pipelineGrading?.cleanup().catch((err: unknown) => this.deps.log.error({ err }, "pipeline cleanup failed"));
    await this.composeGrading?.cleanup().catch((err: unknown) => this.deps.log.error({ err }, "compose cleanup failed"));
    for (const c of this.containers) await c.remove().catch((err: unknown) => this.deps.log.error({ err }, "container removal failed"));
    if (this.network) {
      await this.network.catch(() => undefined);
      await removeSandboxNetwork(this.deps.docker, this.id).catch((err: unknown) => this.deps.log.error({ err }, "network removal failed"));
    }
    // Removed later, when the grader is idle: a concurrent build may be using their layers as cache right now.
    for (const tag of this.throwawayTags) this.deps.pendingRemoval.add(tag);
    for (const key of this.heldKeys) this.deps.inUse.release(key);
    this.deps.inUse.releaseLayers(this.id);
    this.deps.inUse.release(this.id);
  }

  markRunEnded(): void {
    this.runEnded ??= performance.now();
    this.composeGrading?.stopWatching();
  }
}

/** Marks every line of a chunk, but not the empty end after its last newline (the next chunk marks its own). */
export function prefixLines(text: string, prefix: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}
