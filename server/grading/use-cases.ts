import "server-only";
// What the submission routes call: authorize, validate, then store → dispatch, or read back. The submission is
// committed before the grader hears of it, so a crash after the 202 never loses it (recovery picks it up).
import { z } from "zod";
import type { FileMap } from "@/grader/contract";
import type { AttemptsAnswer, SubmissionCreated, SubmissionView } from "@/lib/api/answers";
import { submissionFilesSchema } from "@/lib/grading/file-schemas";
import { uploadLimitsInForce } from "@/server/exercises/grading-environment";
import { isFinished } from "@/lib/grading/submission-status";
import { requirePermission } from "@/server/authz";
import type { Ctx, DbContext } from "@/server/context";
import { findExercise, referenceSolution } from "@/server/exercises/exercises";
import { referenceImage } from "@/server/exercises/reference-image";
import type { Dispatcher } from "@/server/grader-link/dispatcher";
import { submissionEventStream } from "@/server/submissions/sse-stream";
import { createReferenceGrading, createSubmission, getSubmissionView, listAttempts, requireSubmissionAccess } from "@/server/submissions/submission-store";
import { gradingService } from "./grading-service";

export const submitBodySchema = z.object({ files: submissionFilesSchema(uploadLimitsInForce) }).strict();

export async function submitForGrading(ctx: Ctx, slug: string, body: unknown): Promise<SubmissionCreated> {
  const learner = requirePermission(ctx.actor, "grade");
  const exercise = await findExercise(ctx, slug);
  const { files } = submitBodySchema.parse(body);
  const { dispatcher, limits } = await gradingService();
  const submission = await createSubmission(ctx, { userId: learner.id, exerciseId: exercise.id, files }, limits);
  void dispatcher.dispatch(submission.id);
  void measureReferenceImage(ctx, dispatcher, exercise.id);
  return submission;
}

/**
 * Grades the reference solution of the exercise's current version, through the same dispatcher as a learner's
 * grading, unless it was measured or its grading is under way; resolves when that grading ends.
 */
export async function measureReferenceImage(ctx: DbContext, dispatcher: Dispatcher, exerciseId: string): Promise<void> {
  const id = await createReferenceGrading(ctx, exerciseId);
  if (id) await dispatcher.dispatch(id);
}

export async function viewSubmission(ctx: Ctx, id: string): Promise<SubmissionView> {
  return getSubmissionView(ctx, id);
}

/** The learner's attempts, newest first, and the reference solution's image once it has been measured. */
export async function attemptsOf(ctx: Ctx, slug: string): Promise<AttemptsAnswer> {
  const learner = requirePermission(ctx.actor, "grade");
  const exercise = await findExercise(ctx, slug);
  const attempts = await listAttempts(ctx, learner.id, exercise.id);
  return { attempts, reference: attempts.length ? await referenceImage(ctx, exercise.id) : null };
}

/** Last-Event-ID as EventSource sends it on reconnect; anything else replays from the start. */
export function parseLastEventId(header: string | null): number {
  const n = Number(header);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export async function submissionEvents(ctx: Ctx, id: string, lastEventId: number): Promise<ReadableStream<Uint8Array>> {
  const { status } = await requireSubmissionAccess(ctx, id);
  const { hub } = await gradingService();
  return submissionEventStream(ctx, hub, id, lastEventId, { finished: isFinished(status) });
}

export async function referenceSolutionFor(ctx: Ctx, slug: string): Promise<FileMap> {
  const exercise = await findExercise(ctx, slug);
  return referenceSolution(ctx, exercise.id);
}
