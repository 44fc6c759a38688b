// One grading of a Compose project (DESIGN §4 "Compose projects", §5 "Compose"): read the file with Compose,
// decide the policy, build each service with the grader's contained builder, bring the project up with
// `docker-compose up` on the rewritten file (Compose itself orders the services and waits on `service_healthy`),
// stream every service's state and output, answer the checks' questions, and take it all down in cleanup.
// The password the database and the API share is made fresh for each grading and handed to Compose as the
// variable the exercise names, so only a project that takes it from the environment can work.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import type { ComposeProject, FileMap, GradingEvent } from "@/grader/contract";
import { gradingStepNames } from "@/grader/contract";
import type { GraderConfig } from "@/grader/config";
import type { ProbeResponse, VariantBuild } from "@/grader/checks/check";
import type { Docker } from "@/grader/sandbox/docker-client";
import { ComposeServiceWatch, composeLabels, type ServiceSnapshot } from "@/grader/sandbox/compose-service-watch";
import { containerAddress, containerLogTail, restartContainer, sweepLabelled } from "@/grader/sandbox/compose-containers";
import { presentBaseImages } from "@/grader/sandbox/image-store";
import { labels } from "@/grader/sandbox/labels";
import { httpProbe, type ProbeMethod } from "@/grader/grading/http-probe";
import { makeProjectDir, normalizeCompose, removeProjectDir, run } from "./compose-file";
import { decideComposePolicy, type ComposePlan, type ServicePlan } from "./compose-policy";
import { rewriteCompose } from "./compose-rewrite";

export interface ComposeGradingDeps {
  docker: Docker;
  gradingId: string;
  project: ComposeProject;
  /** The API's container port (the exercise's `app.port`). */
  apiPort: number;
  files: FileMap;
  config: GraderConfig;
  signal: AbortSignal;
  emit: (event: GradingEvent) => void;
  log: Logger;
  /** The grader's contained build of one service's folder (the session's), logs marked with the service's name. */
  build: (label: string, files: FileMap) => Promise<VariantBuild>;
}

export type Prepared = { ok: true; plan: ComposePlan; api: ServicePlan; database: ServicePlan; password: string } | { ok: false; problems: string[] };

export type UpOutcome =
  | { ok: true; services: ServiceSnapshot[]; composeOutput: string }
  | { ok: false; reason: "build"; service: string; message: string }
  /** An offered image the engine lacks: ours to provide, so the grading is not gradable. */
  | { ok: false; reason: "unavailable"; message: string }
  | { ok: false; reason: "up"; message: string; services: ServiceSnapshot[]; composeOutput: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const memo = <T>(fn: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
};

export class ComposeGrading {
  private projectDir: string | undefined;
  private runFile: string | undefined;
  private watch: ComposeServiceWatch | undefined;
  private readonly composeProject: string;
  private readonly builtImages = new Map<string, string>();

  constructor(private readonly deps: ComposeGradingDeps) {
    // Compose's project name: also the prefix of every container, network and volume it makes.
    this.composeProject = deps.gradingId.toLowerCase().replace(/[^a-z0-9_-]/g, "");
  }

  private step(name: (typeof gradingStepNames)[number]): void {
    this.deps.emit({ type: "step", name, index: gradingStepNames.indexOf(name), total: gradingStepNames.length });
  }

  prepare = memo(async (): Promise<Prepared> => {
    const { project, config } = this.deps;
    const password = randomBytes(12).toString("hex");
    this.projectDir = await makeProjectDir(this.deps.gradingId);
    const read = await normalizeCompose(
      { files: this.deps.files, file: project.file, env: { [project.secretEnv]: password }, composeBinary: config.composeBinary, signal: this.deps.signal },
      this.projectDir,
    );
    if (!read.ok) return read;
    const decided = decideComposePolicy(read.normalized, this.projectDir, config.offeredImages, { maxServices: config.limits.composeMaxServices, maxPortsPerService: 4 });
    if (!decided.ok) return decided;
    const api = decided.plan.services.find((s) => s.name === project.apiService);
    const database = decided.plan.services.find((s) => s.name === project.databaseService);
    const missing = [!api && `the API service "${project.apiService}"`, !database && `the database service "${project.databaseService}"`].filter(Boolean);
    if (!api || !database) return { ok: false, problems: [`${project.file} has no ${missing.join(" and no ")}; the task names them.`] };
    return { ok: true, plan: decided.plan, api, database, password };
  });

  up = memo(async (): Promise<UpOutcome> => {
    const prepared = await this.prepare();
    if (!prepared.ok) throw new Error("the project was refused");
    const { config } = this.deps;
    const named = prepared.plan.services.flatMap((x) => (x.buildContext === null && x.image ? [x.image] : []));
    const present = new Set((await presentBaseImages(this.deps.docker, named)).map((i) => i.name));
    const missing = named.filter((n) => !present.has(n));
    // Compose would pull what is missing; the grader never pulls during a grading.
    if (missing.length > 0) return { ok: false, reason: "unavailable", message: `The grader's engine lacks ${missing.join(", ")}; that is ours to provide, not your mistake: nothing was counted.` };
    this.step("build");
    const builtImages = this.builtImages;
    for (const service of prepared.plan.services) {
      if (service.buildContext === null) continue;
      this.deps.emit({ type: "service", service: service.name, state: "building", detail: `docker build ./${service.buildContext}` });
      const built = await this.deps.build(service.name, subtree(this.deps.files, service.buildContext));
      if (!built.result.ok) {
        this.deps.emit({ type: "service", service: service.name, state: "exited", detail: "the build failed" });
        if (built.result.reason === "unavailable") return { ok: false, reason: "unavailable", message: built.result.message };
        return { ok: false, reason: "build", service: service.name, message: built.result.message };
      }
      builtImages.set(service.name, built.result.tag);
      this.deps.emit({ type: "service", service: service.name, state: "built" });
    }

    const runDir = await fs.mkdtemp(path.join(this.projectDir ?? "/tmp", "run-"));
    this.runFile = path.join(runDir, "compose.json");
    const rewritten = rewriteCompose({ plan: prepared.plan, gradingId: this.deps.gradingId, builtImages, publishHost: config.publishHost, limits: config.limits });
    await fs.writeFile(this.runFile, JSON.stringify(rewritten, null, 2));

    this.step("start");
    this.watch = new ComposeServiceWatch(
      this.deps.docker,
      this.composeProject,
      {
        state: (service, state, detail) => this.deps.emit({ type: "service", service, state, detail }),
        log: (service, text) => this.deps.emit({ type: "service-log", service, text }),
      },
      config.limits.runDiskBytes,
    );
    this.watch.start();
    // Compose itself starts the services in order and holds the API until the database is healthy.
    const up = await this.compose(["up", "-d", "--no-build", "--no-color"], 2 * config.limits.readyTimeoutMs + 30_000);
    const composeOutput = `${up.stdout}${up.stderr}`.trim();
    if (composeOutput) this.deps.emit({ type: "log", source: "container", text: `[compose] ${composeOutput.split("\n").join("\n[compose] ")}\n` });
    const services = await this.waitForApi(prepared.api.name);
    if (!up.ok) return { ok: false, reason: "up", message: lastLine(up.stderr) || up.error, services, composeOutput };
    return { ok: true, services, composeOutput };
  });

  /** The API's state once it is healthy, stopped, or the ready timeout passed. */
  private async waitForApi(api: string): Promise<ServiceSnapshot[]> {
    const deadline = performance.now() + this.deps.config.limits.readyTimeoutMs;
    for (;;) {
      const services = (await this.watch?.refresh()) ?? [];
      const state = services.find((s) => s.service === api)?.state;
      if (state === "healthy" || state === "exited" || state === "unhealthy" || performance.now() > deadline || this.deps.signal.aborted) return services;
      await sleep(250);
    }
  }

  /** The image the grader built for a service, if the project was brought up and that service built. */
  builtImage(service: string): string | undefined {
    return this.builtImages.get(service);
  }

  async services(): Promise<ServiceSnapshot[]> {
    return (await this.watch?.refresh()) ?? [];
  }

  /** One call to the API on its published port. */
  async request(method: ProbeMethod, urlPath: string, json?: unknown): Promise<ProbeResponse> {
    const address = await this.apiAddress();
    if (!address) return { ok: false, error: `the API service publishes no port ${this.deps.apiPort}` };
    return httpProbe(`http://${address}${urlPath}`, method, this.deps.config.limits.probeTimeoutMs, json);
  }

  private async apiAddress(): Promise<string | null> {
    const api = (await this.services()).find((s) => s.service === this.deps.project.apiService);
    return api ? containerAddress(this.deps.docker, api.containerId, this.deps.apiPort, this.deps.config.probeVia) : null;
  }

  /** Restarts the API's container (not the database) and waits until it is healthy again. */
  async restartApi(): Promise<ServiceSnapshot | null> {
    const api = (await this.services()).find((s) => s.service === this.deps.project.apiService);
    if (!api) return null;
    this.watch?.mark(api.service, "restarting", "restarted by the grader");
    await restartContainer(this.deps.docker, api.containerId, 2);
    const after = await this.waitForApi(api.service);
    return after.find((s) => s.service === api.service) ?? null;
  }

  /** The last lines a service wrote, for a check's evidence. */
  async logTail(service: string, lines = 20): Promise<string[]> {
    const found = (await this.services()).find((s) => s.service === service);
    return found ? containerLogTail(this.deps.docker, found.containerId, lines) : [];
  }

  private compose(args: string[], timeoutMs: number) {
    const dir = path.dirname(this.runFile ?? this.projectDir ?? "/tmp");
    const env = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: dir, DOCKER_HOST: this.deps.config.dockerHost, COMPOSE_HTTP_TIMEOUT: "60" };
    return run(this.deps.config.composeBinary, ["-p", this.composeProject, "-f", this.runFile ?? "", ...args], { cwd: dir, env, signal: this.deps.signal, timeoutMs });
  }

  /** Ends the stream of service states and output: called before the verdict, which must be the last event. */
  stopWatching(): void {
    this.watch?.stop();
  }

  /**
   * Takes the project down and sweeps whatever Compose left; never throws. Runs even when the grading was aborted,
   * and after the verdict went out: it emits nothing, since the verdict is always the stream's last event.
   */
  async cleanup(): Promise<void> {
    this.watch?.stop();
    const { docker, log } = this.deps;
    if (this.runFile) {
      const dir = path.dirname(this.runFile);
      const env = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: dir, DOCKER_HOST: this.deps.config.dockerHost };
      const down = await run(this.deps.config.composeBinary, ["-p", this.composeProject, "-f", this.runFile, "down", "-v", "--remove-orphans", "-t", "1"], { cwd: dir, env, signal: AbortSignal.timeout(60_000), timeoutMs: 60_000 });
      if (!down.ok) log.warn({ stderr: down.stderr.slice(-500) }, "docker-compose down failed; sweeping by label");
    }
    // What `down` missed (a crash mid-up, a cut connection): everything labelled with this grading or project.
    await sweepLabelled(docker, [`${labels.grading}=${this.deps.gradingId}`, `${composeLabels.project}=${this.composeProject}`]);
    if (this.projectDir) await removeProjectDir(this.projectDir).catch(() => undefined);
  }
}

/** The files of one build folder, with paths relative to it. */
export function subtree(files: FileMap, folder: string): FileMap {
  if (folder === "") return files;
  const prefix = `${folder.replace(/\/$/, "")}/`;
  return Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith(prefix)).map(([p, text]) => [p.slice(prefix.length), text]));
}

const lastLine = (text: string): string => text.trim().split("\n").filter((l) => l.trim() !== "").at(-1) ?? "";
