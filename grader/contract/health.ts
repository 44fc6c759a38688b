// GET /healthz: whether the grader can grade, and the environment a learner's Dockerfile meets there (engine,
// base images and how far each is from ready, limits), so the exercise page describes the real grader rather than
// a copy that can drift.
import { z } from "zod";

/**
 * One lesson base image on this grader's engine. `ready`: the engine holds it; `queued`/`preparing`: the grader
 * is making it (kit build or pull) and gradings that need it wait; `failed`: making it failed (`error` says why);
 * `missing`: nobody is making it (GRADER_BASE_IMAGES=off), an operator must.
 */
export const baseImageStatusSchema = z.object({
  name: z.string(),
  /** Built offline by the image kit rather than the real image (only known once it is ready). */
  standIn: z.boolean(),
  state: z.enum(["ready", "queued", "preparing", "failed", "missing"]),
  progress: z
    .object({
      step: z.number().int().positive(),
      steps: z.number().int().positive(),
      label: z.string(),
      percent: z.number().min(0).max(100),
      /** Seconds left by the estimates; null when a step runs longer than estimated. */
      etaSeconds: z.number().nonnegative().nullable(),
    })
    .optional(),
  error: z.string().optional(),
});

export const graderEnvironmentSchema = z.object({
  engine: z.string(),
  /** Every base image the lessons use, with its state on this engine. */
  baseImages: z.array(baseImageStatusSchema),
  /** The images a Dockerfile may name in FROM or COPY --from here (GRADER_OFFERED_IMAGES); the build resolver refuses others. */
  offeredImages: z.array(z.string()),
  /** How missing base images are made: `kit` builds stand-ins, `pull` pulls the real ones, `off` leaves it to an operator. */
  baseImageProvisioning: z.enum(["kit", "pull", "off"]),
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

export type BaseImageStatus = z.infer<typeof baseImageStatusSchema>;
export type GraderEnvironment = z.infer<typeof graderEnvironmentSchema>;
export type GraderHealth = z.infer<typeof graderHealthSchema>;
