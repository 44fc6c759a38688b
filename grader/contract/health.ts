// GET /healthz: whether the grader can grade, and the environment a learner's Dockerfile meets there (engine,
// base images, limits), so the exercise page describes the real grader rather than a copy that can drift.
import { z } from "zod";

export const graderEnvironmentSchema = z.object({
  engine: z.string(),
  /** The base images the lessons use that this engine holds; `standIn`: built offline by the image kit. */
  baseImages: z.array(z.object({ name: z.string(), standIn: z.boolean() })),
  /** `none`: build steps have no network. */
  buildNetwork: z.string(),
  limits: z.object({
    buildTimeoutMs: z.number(),
    buildMemoryBytes: z.number(),
    buildCpus: z.number(),
    runMemoryBytes: z.number(),
    runCpus: z.number(),
    runPids: z.number(),
    readyTimeoutMs: z.number(),
    gradingTimeoutMs: z.number(),
    uploadMaxBytes: z.number(),
    uploadMaxFiles: z.number(),
  }),
});

export const graderHealthSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), running: z.number(), queued: z.number() }).extend(graderEnvironmentSchema.shape),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

export type GraderEnvironment = z.infer<typeof graderEnvironmentSchema>;
export type GraderHealth = z.infer<typeof graderHealthSchema>;
