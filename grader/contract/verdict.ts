// The grader's result, versioned (modelled on Exercism's results.json and PrairieLearn's "gradable" flag).
// A learner's failing Dockerfile is a successful grading with status "fail"; "error" means not gradable.
import { z } from "zod";
import { checkIdSchema } from "./check-ids";

export const checkStatusSchema = z.enum(["pass", "fail", "skip", "error"]);

export const checkResultSchema = z.object({
  id: checkIdSchema,
  title: z.string(),
  required: z.boolean(),
  status: checkStatusSchema,
  message: z.string(),
  hint: z.string().optional(),
  /** What the check saw: exit code, OOMKilled, health log, last log lines, the probe's answer, sizes... */
  evidence: z.record(z.string(), z.unknown()).optional(),
});

export const imageLayerSchema = z.object({ createdBy: z.string(), sizeBytes: z.number().int().nonnegative() });

export const imageSummarySchema = z.object({
  sizeBytes: z.number().int().nonnegative(),
  user: z.string(),
  exposedPorts: z.array(z.string()),
  healthcheck: z
    .object({ test: z.array(z.string()), intervalNs: z.number().optional(), timeoutNs: z.number().optional(), retries: z.number().optional() })
    .nullable(),
  layers: z.array(imageLayerSchema),
});

export const verdictSchema = z.object({
  version: z.literal(1),
  exercise: z.string(),
  status: z.enum(["pass", "fail", "error"]),
  score: z.number().min(0).max(1),
  message: z.string().optional(),
  checks: z.array(checkResultSchema),
  image: imageSummarySchema.nullable(),
  /** Sizes of the images compared by the size checks, for the chart. */
  baselines: z.array(z.object({ label: z.string(), sizeBytes: z.number().int().nonnegative() })).optional(),
  timings: z.object({
    queuedMs: z.number().nonnegative(),
    buildMs: z.number().nonnegative(),
    runMs: z.number().nonnegative(),
    totalMs: z.number().nonnegative(),
  }),
});

export type CheckStatus = z.infer<typeof checkStatusSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
export type ImageSummary = z.infer<typeof imageSummarySchema>;
export type Verdict = z.infer<typeof verdictSchema>;

/**
 * Not gradable, no attempt counted: the verdict for whatever ended a grading that was not the learner's doing.
 * Built here for both ends of the stream: the grader when a grading is cancelled before it ran, the web when it
 * cannot get a verdict from the grader.
 */
export function notGradableVerdict(exercise: string, message: string): Verdict {
  return { version: 1, exercise, status: "error", score: 0, message, checks: [], image: null, timings: { queuedMs: 0, buildMs: 0, runMs: 0, totalMs: 0 } };
}
