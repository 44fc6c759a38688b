// What a check module is and what it may ask of the grading. Checks never touch the engine themselves: they ask
// the session, which builds and starts things lazily and once, so checks can run in the exercise's order and
// each verdict line is emitted as soon as it is decided.
import type { CheckId, CheckStatus, ExerciseSpec, FileMap } from "@/grader/contract";
import type { BuildResult } from "@/grader/sandbox/build-image";
import type { ContainerState, ExecResult } from "@/grader/sandbox/app-container";
import type { ImageConfigView } from "@/grader/sandbox/image-store";
import type { LayerHit } from "@/grader/sandbox/layer-scan";
import type { ListeningSocket } from "@/grader/sandbox/listening-sockets";
import type { PipelineOutcome } from "@/grader/pipeline/pipeline-grading";
import type { ComposeGrading } from "@/grader/compose/compose-grading";
import type { DockerfileModel } from "./dockerfile-model";

export interface CheckOutcome {
  status: CheckStatus;
  message: string;
  evidence?: Record<string, unknown>;
}

/**
 * Work a check will wait for that the session may start early, beside the build: the app's network, and the
 * layer scan as soon as the image exists.
 */
export type SessionResource = "app" | "layer-scan";

export interface Check {
  id: CheckId;
  /** What `run` asks the session for beyond the image, so the session can have it ready when the check runs. */
  uses?: readonly SessionResource[];
  /** Static checks answer synchronously; the others await what they need from the session. */
  run(session: GradingSession): CheckOutcome | Promise<CheckOutcome>;
}

/** Thrown by a check when what it needs never came to be (no image, no running container): status "skip". */
export class SkipCheck extends Error {
  override name = "SkipCheck";
}

export interface BuiltImage {
  tag: string;
  sizeBytes: number;
  config: ImageConfigView;
  build: Extract<BuildResult, { ok: true }>;
}

/** `misbound`: it listens, but only where the exercise's probe cannot reach (another port, or loopback only). */
export type AppReadiness = "healthy" | "unhealthy" | "listening" | "misbound" | "exited" | "timeout";

export interface RunningApp {
  port: number;
  readiness: AppReadiness;
  waitedMs: number;
  /** Where the app listens instead, and what to tell the learner, when readiness is `misbound`. */
  misbound: { message: string; sockets: ListeningSocket[] } | null;
  /** The random value given to the exercise's greeting variable, if it has one. */
  greeting: string | null;
  env: Record<string, string>;
  state(): Promise<ContainerState>;
  exec(cmd: string[]): Promise<ExecResult>;
  logTail(lines?: number): Promise<string[]>;
  probe(method: "GET" | "HEAD", path: string): Promise<ProbeResponse>;
  /** The container's state and output when it stopped or was found wanting. */
  evidence(): Promise<Record<string, unknown>>;
}

export type ProbeResponse =
  | { ok: true; status: number; contentType: string; body: string; json: unknown }
  | { ok: false; error: string };

export type AppStart = { ok: true; app: RunningApp } | { ok: false; message: string; evidence: Record<string, unknown> };

export interface VariantBuild {
  label: string;
  result: BuildResult;
}

export interface GradingSession {
  spec: ExerciseSpec;
  files: FileMap;
  baselineFiles: FileMap | undefined;
  /** null when there is no Dockerfile or no FROM in it. */
  dockerfile: DockerfileModel | null;
  buildNetwork: string;
  context(): Promise<{ sizeBytes: number; paths: string[]; excluded: string[] }>;
  build(): Promise<BuildResult>;
  /** The learner's built image, or SkipCheck. */
  image(): Promise<BuiltImage>;
  startApp(): Promise<AppStart>;
  /** The learner's running container, or SkipCheck. */
  app(): Promise<RunningApp>;
  /** Another build on the same engine in the same grading: a rebuild, or a baseline to compare sizes with. */
  buildVariant(kind: "rebuild" | "baseline", files: FileMap): Promise<VariantBuild>;
  /** The submission built once more as it is but for `files` (the swapped-in failing test); logs marked with `label`. */
  buildAlso(label: string, files: FileMap): Promise<VariantBuild>;
  /** The tag-and-push project: its pipeline resolved, run against the grading's registry, and what the registry holds. */
  pipeline(): Promise<PipelineOutcome>;
  /** A Compose project (spec.project kind compose): its file read and judged, brought up on demand, taken down in cleanup. */
  compose(): Promise<ComposeGrading>;
  /** Paths in the learner's own layers (not the base image's) matching the scan's patterns. */
  layerScan(): Promise<LayerHit[]>;
  /** Sizes the chart shows. */
  recordBaseline(label: string, sizeBytes: number): void;
}


export const pass = (message: string, evidence?: Record<string, unknown>): CheckOutcome => ({ status: "pass", message, ...(evidence ? { evidence } : {}) });
export const fail = (message: string, evidence?: Record<string, unknown>): CheckOutcome => ({ status: "fail", message, ...(evidence ? { evidence } : {}) });
export const skip = (message: string): CheckOutcome => ({ status: "skip", message });
