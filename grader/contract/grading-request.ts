// The body of POST /v1/gradings when sent as JSON (a tar upload carries the same fields, see the README).
import { z } from "zod";
import { exerciseSpecSchema } from "./exercise-spec";

/** Paths are checked again by the sandbox; this only bounds the shape. */
export const fileMapSchema = z.record(z.string().min(1).max(255), z.string());

export const gradingRequestSchema = z
  .object({
    spec: exerciseSpecSchema,
    files: fileMapSchema,
    /** The exercise's starter files, built as the baseline for `image-size-smaller`. */
    baselineFiles: fileMapSchema.optional(),
    /** Correlates the grader's log lines with the web's submission. */
    submissionId: z.string().min(1).max(100).optional(),
  })
  .strict();

export type FileMap = z.infer<typeof fileMapSchema>;
export type GradingRequest = z.infer<typeof gradingRequestSchema>;
export type GradingRequestInput = z.input<typeof gradingRequestSchema>;
