// One grading of the tag-and-push project: a commit SHA made up for this grading, the pipeline file resolved
// against it (nothing runs if it is refused), the grading's throwaway registry started, the steps executed through
// the engine, and what the registry then holds read back over its API for the checks.
import { randomBytes } from "node:crypto";
import type { FileMap, PipelineSpec } from "@/grader/contract";
import type { Docker } from "@/grader/sandbox/docker-client";
import { tagImage } from "@/grader/sandbox/image-store";
import { imageRepoDigests, pushImage, registryCatalog, registryDigest, registryTags, startThrowawayRegistry, untag, type RegistryLimits, type ThrowawayRegistry } from "@/grader/sandbox/throwaway-registry";
import { resolvePipeline, splitReference, type PipelinePlan } from "./pipeline-file";
import { runPipeline, type PipelineRun } from "./run-pipeline";

export interface PipelineGradingDeps {
  docker: Docker;
  gradingId: string;
  registryBinary: string;
  publishHost: string;
  probeVia: "published" | "container-ip";
  limits: RegistryLimits & { pipelineStepsMax: number; pipelineVariablesMax: number };
  signal: AbortSignal;
  /** The submission's image, built once for the whole grading. */
  build(): Promise<{ ok: true; imageId: string } | { ok: false; message: string }>;
  log(text: string): void;
}

export interface RegistryView {
  repositories: string[];
  /** The spec's repository: each tag with the digest it points at. */
  tags: { tag: string; digest: string | null }[];
}

export type PipelineOutcome =
  | { kind: "refused"; message: string; step: number | null }
  /** Ours, not the learner's: the registry could not be started or read (verdict error). */
  | { kind: "unavailable"; message: string }
  | {
      kind: "ran";
      commitSha: string;
      shortSha: string;
      plan: Extract<PipelinePlan, { ok: true }>;
      run: PipelineRun;
      registry: RegistryView;
      /** `repository@sha256:…` of the image the grader built, as the engine recorded its pushes. */
      builtDigests: string[];
    };

export class PipelineGrading {
  readonly commitSha = randomBytes(20).toString("hex");
  private registry: ThrowawayRegistry | null = null;
  private engineTags: string[] = [];

  constructor(private readonly deps: PipelineGradingDeps) {}

  get shortSha(): string {
    return this.commitSha.slice(0, 7);
  }

  /** The plan against a placeholder registry: enough to refuse a file before a registry is started for it. */
  private resolve(source: string, registry: string): PipelinePlan {
    return resolvePipeline(source, {
      variables: { COMMIT_SHA: this.commitSha, COMMIT_SHORT_SHA: this.shortSha, REGISTRY: registry },
      maxSteps: this.deps.limits.pipelineStepsMax,
      maxVariables: this.deps.limits.pipelineVariablesMax,
    });
  }

  async run(spec: PipelineSpec, files: FileMap): Promise<PipelineOutcome> {
    const source = files[spec.file];
    if (source === undefined) return { kind: "refused", message: `There is no ${spec.file}: the pipeline file goes at the top of your files.`, step: null };
    // Resolved once before the registry exists (its port is not known yet) so a refused file starts nothing.
    const dry = this.resolve(source, "127.0.0.1:5000");
    if (!dry.ok) return { kind: "refused", message: dry.message, step: dry.step };
    try {
      this.registry = await startThrowawayRegistry(this.deps.docker, { gradingId: this.deps.gradingId, binary: this.deps.registryBinary, publishHost: this.deps.publishHost, probeVia: this.deps.probeVia, limits: this.deps.limits, signal: this.deps.signal });
    } catch (err) {
      return { kind: "unavailable", message: `The grading's registry could not be started: ${err instanceof Error ? err.message : String(err)}` };
    }
    const registry = this.registry;
    const plan = this.resolve(source, registry.pushHost);
    if (!plan.ok) {
      await this.cleanup().catch(() => undefined);
      return { kind: "refused", message: plan.message, step: plan.step };
    }
    const { docker, signal } = this.deps;
    const run = await runPipeline(plan.actions, registry.pushHost, {
      build: () => this.deps.build(),
      tag: async (imageId, ref) => {
        if (!(await tagImage(docker, imageId, ref))) throw new Error(`the engine could not tag ${ref}`);
      },
      push: async (ref) => {
        const { repository, tag } = splitReference(ref);
        await pushImage(docker, repository, tag, (line) => this.deps.log(`  ${line}\n`), signal);
      },
      log: (text) => this.deps.log(text),
    });
    this.engineTags = run.engineTags;
    try {
      const timeout = this.deps.limits.probeTimeoutMs;
      const repository = spec.repository;
      const names = await registryTags(registry.apiBase, repository, timeout);
      const tags = await Promise.all(names.map(async (tag) => ({ tag, digest: await registryDigest(registry.apiBase, repository, tag, timeout) })));
      const built = await this.deps.build();
      return {
        kind: "ran",
        commitSha: this.commitSha,
        shortSha: this.shortSha,
        plan,
        run,
        registry: { repositories: await registryCatalog(registry.apiBase, timeout), tags },
        builtDigests: built.ok ? await imageRepoDigests(docker, built.imageId) : [],
      };
    } catch (err) {
      return { kind: "unavailable", message: `The grading's registry could not be read: ${err instanceof Error ? err.message : String(err)}` };
    } finally {
      // Read once, the registry has served its purpose: it is gone before the learner's container starts. Should
      // that fail, the session's cleanup tries again at the end.
      await this.cleanup().catch(() => undefined);
    }
  }

  /** Removes the registry (with everything pushed to it) and the registry names the engine held for the pushes. */
  async cleanup(): Promise<void> {
    for (const ref of this.engineTags.splice(0)) await untag(this.deps.docker, ref).catch(() => undefined);
    await this.registry?.remove();
    this.registry = null;
  }
}
