import "server-only";
// What the submission routes call: authorize, validate, then store → dispatch, or read back. The submission is
// committed before the grader hears of it, so a crash after the 202 never loses it (recovery picks it up).
import { z } from "zod";
import { submissionFilesSchema } from "@/lib/grading/file-rules";
import { uploadLimitsInForce } from "@/server/exercises/grading-environment";
import { isFinished, type StreamedEvent } from "@/lib/grading/submission-events";
import { requirePermission, type Actor } from "@/server/authz";
import { db } from "@/server/db";
import type { FileMap } from "@/grader/contract";
import { findExercise, referenceSolution } from "@/server/exercises/exercises";
import { gradingService, graderEndpoint } from "./grading-service";
import { measureReferenceImage, referenceImage, type ReferenceImage } from "@/server/exercises/reference-image";
import { submissionEventStream } from "@/server/submissions/sse-stream";
import { createSubmission, getSubmissionView, requireSubmissionAccess, listAttempts, type AttemptSummary, type SubmissionView } from "@/server/submissions/submission-store";

export const submitBodySchema = z.object({ files: submissionFilesSchema(uploadLimitsInForce) }).strict();

export async function submitForGrading(actor: Actor | null, slug: string, body: unknown): Promise<{ id: string; event: StreamedEvent }> {
  const learner = requirePermission(actor, "grade");
  const prisma = await db();
  const exercise = await findExercise(prisma, learner, slug);
  const { files } = submitBodySchema.parse(body);
  const { dispatcher, limits } = await gradingService();
  const submission = await createSubmission(prisma, { userId: learner.id, exerciseId: exercise.id, files }, limits);
  void dispatcher.dispatch(submission.id);
  void measureReferenceImage(prisma, graderEndpoint, exercise.id);
  return submission;
}

export async function viewSubmission(actor: Actor | null, id: string): Promise<SubmissionView> {
  return getSubmissionView(await db(), actor, id);
}

/** The learner's attempts, newest first, and the reference solution's image once it has been measured. */
export async function attemptsOf(actor: Actor | null, slug: string): Promise<{ attempts: AttemptSummary[]; reference: ReferenceImage | null }> {
  const learner = requirePermission(actor, "grade");
  const prisma = await db();
  const exercise = await findExercise(prisma, learner, slug);
  const attempts = await listAttempts(prisma, learner.id, exercise.id);
  return { attempts, reference: attempts.length ? await referenceImage(prisma, exercise.id) : null };
}

/** Last-Event-ID as EventSource sends it on reconnect; anything else replays from the start. */
export function parseLastEventId(header: string | null): number {
  const n = Number(header);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export async function submissionEvents(actor: Actor | null, id: string, lastEventId: number): Promise<ReadableStream<Uint8Array>> {
  const prisma = await db();
  const { status } = await requireSubmissionAccess(prisma, actor, id);
  const { hub } = await gradingService();
  return submissionEventStream(prisma, hub, id, lastEventId, { finished: isFinished(status) });
}

export async function referenceSolutionFor(actor: Actor | null, slug: string): Promise<FileMap> {
  const learner = requirePermission(actor, "grade");
  const prisma = await db();
  const exercise = await findExercise(prisma, learner, slug);
  return referenceSolution(prisma, learner, exercise.id);
}
