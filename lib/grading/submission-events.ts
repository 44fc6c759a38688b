// What the browser receives over SSE for a submission: the grader's events (grader/contract) as stored, plus the
// web's own notes about dispatching (a busy grader, a lost connection, a re-dispatch). The stream always ends
// with a `verdict`; when the web gives up it writes an `error` verdict itself, so clients need one end rule.
import { z } from "zod";
import { gradingEventSchema, type gradingStepNames } from "@/grader/contract";

// What the live view folds, in the contract's own types (components take them from here, not from grader/).
export type { CheckResult, ComposeServiceState, Verdict } from "@/grader/contract";
export type GradingStepName = (typeof gradingStepNames)[number];
/** The web writes the contract's not-gradable verdict when it cannot get one from the grader. */
export { notGradableVerdict } from "@/grader/contract";

export const noticeEventSchema = z.object({
  type: z.literal("notice"),
  level: z.enum(["info", "warn"]),
  text: z.string(),
});

/** Stored with the submission itself, so the live view answers at once, before the grader has said anything. */
export const submittedEventSchema = z.object({ type: z.literal("submitted") });

/** The grading starts over on the grader: what was shown of the previous attempt no longer counts. */
export const restartEventSchema = z.object({
  type: z.literal("restart"),
  dispatch: z.number().int().positive(),
  reason: z.string(),
});

export const submissionEventSchema = z.union([gradingEventSchema, submittedEventSchema, noticeEventSchema, restartEventSchema]);

export type SubmissionEvent = z.infer<typeof submissionEventSchema>;

/** One SSE message's data: the event plus its place in the submission's history. */
export const streamedEventSchema = z.object({ seq: z.number().int().nonnegative(), at: z.string(), event: submissionEventSchema });

export type StreamedEvent = z.infer<typeof streamedEventSchema>;
