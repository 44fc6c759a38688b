// Executes a resolved pipeline (pipeline-file.ts) step by step. Names the pipeline invents live only in this run's
// table — `app:latest` never becomes a tag on the shared engine, where it would meet other gradings' `app:latest` —
// except names in the grading's registry, which the engine must hold to push them (and which cleanup removes).
import { normalizeImageRef } from "@/grader/build-plan/image-ref";
import type { PipelineAction } from "./pipeline-file";

export interface PipelineEngine {
  /** Builds the submission's Dockerfile (once, however many build steps ask). */
  build(): Promise<{ ok: true; imageId: string } | { ok: false; message: string }>;
  tag(imageId: string, ref: string): Promise<void>;
  push(ref: string): Promise<void>;
  log(text: string): void;
}

export type PipelineRun =
  | { ok: true; pushed: string[]; engineTags: string[] }
  | { ok: false; step: number; message: string; pushed: string[]; engineTags: string[]; buildFailed: boolean };

export async function runPipeline(actions: readonly PipelineAction[], registry: string, engine: PipelineEngine): Promise<PipelineRun> {
  const images = new Map<string, string>();
  const pushed: string[] = [];
  const engineTags: string[] = [];
  const inRegistry = (ref: string) => {
    const parsed = normalizeImageRef(ref);
    return parsed.ok && parsed.registry === registry;
  };
  const name = async (ref: string, imageId: string) => {
    images.set(ref, imageId);
    if (inRegistry(ref) && !engineTags.includes(ref)) {
      await engine.tag(imageId, ref);
      engineTags.push(ref);
    }
  };
  for (const action of actions) {
    try {
      switch (action.kind) {
        case "build": {
          engine.log(`step ${action.step}: build ${action.name}\n`);
          const built = await engine.build();
          if (!built.ok) return { ok: false, step: action.step, message: built.message, pushed, engineTags, buildFailed: true };
          await name(action.name, built.imageId);
          break;
        }
        case "tag": {
          engine.log(`step ${action.step}: tag ${action.from} as ${action.to}\n`);
          const id = images.get(action.from);
          // resolvePipeline already refused a tag of an unknown name; this guards the table's own consistency.
          if (!id) return { ok: false, step: action.step, message: `${action.from} is not an image of this pipeline`, pushed, engineTags, buildFailed: false };
          await name(action.to, id);
          break;
        }
        case "push":
          engine.log(`step ${action.step}: push ${action.ref}\n`);
          await engine.push(action.ref);
          pushed.push(action.ref);
          break;
      }
    } catch (err) {
      return { ok: false, step: action.step, message: err instanceof Error ? err.message : String(err), pushed, engineTags, buildFailed: false };
    }
  }
  return { ok: true, pushed, engineTags };
}
