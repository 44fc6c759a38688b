// The NDJSON stream of POST /v1/gradings, one event per line; `verdict` is always the last.
import { z } from "zod";
import { checkResultSchema, verdictSchema } from "./verdict";

export const gradingStepNames = ["validate", "build", "start", "probe"] as const;

export const composeServiceStates = ["building", "built", "starting", "healthy", "unhealthy", "running", "exited", "restarting"] as const;
export type ComposeServiceState = (typeof composeServiceStates)[number];

export const gradingEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("queued"),
    position: z.number().int().nonnegative(),
    /** Held before its turn until the grader has made the base images it needs (never judged without them). */
    waitingFor: z.object({ images: z.array(z.string()), reason: z.string() }).optional(),
  }),
  z.object({
    type: z.literal("step"),
    name: z.enum(gradingStepNames),
    index: z.number().int().nonnegative(),
    total: z.number().int().positive(),
    /** Finer progress inside a step, e.g. build step 3 of 8 and its instruction. */
    progress: z.object({ current: z.number().int().nonnegative(), total: z.number().int().positive(), label: z.string() }).optional(),
  }),
  z.object({ type: z.literal("log"), source: z.enum(["build", "container"]), text: z.string() }),
  /** A Compose project's service changed state (grader/compose): what the live view shows beside each service. */
  z.object({ type: z.literal("service"), service: z.string(), state: z.enum(composeServiceStates), detail: z.string().optional() }),
  /** Output of one service of a Compose project, as it runs. */
  z.object({ type: z.literal("service-log"), service: z.string(), text: z.string() }),
  z.object({ type: z.literal("check"), check: checkResultSchema }),
  z.object({ type: z.literal("verdict"), verdict: verdictSchema }),
]);

export type GradingEvent = z.infer<typeof gradingEventSchema>;
export type GradingEventType = GradingEvent["type"];
