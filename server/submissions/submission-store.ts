import "server-only";
// Submissions and their events in the database. A submission is written before anything is sent to the grader
// and every event is stored before it is shown, so the history a learner re-opens is exactly what they saw.
// Reads that a learner triggers check ownership here (404 for someone else's), not only in the route.
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import { asJson } from "@/server/json-value";
import { toStorable } from "@/lib/grading/storable";
import { streamedEventSchema, type StreamedEvent, type SubmissionEvent } from "@/lib/grading/submission-events";
import type { SubmissionStatus } from "@/lib/grading/submission-status";
import type { SubmissionFiles } from "@/lib/grading/file-schemas";
import { verdictSchema, type Verdict } from "@/grader/contract";
import { hasPermission, requireActor, requireViewPersonData } from "@/server/authz";
import type { Ctx, DbContext } from "@/server/context";
import { referenceImageOf } from "@/server/exercises/reference-image";
import type { AttemptSummary, SubmissionCreated, SubmissionView } from "@/lib/api/answers";

const noSuchSubmission = "No such submission.";

// Storing a grading waits its turn behind others (PGlite has one connection; a busy PostgreSQL pool queues too):
// Prisma's default 2 s wait for a transaction refused learners' Grade presses under load (bench/grading-queue.ts,
// tests/faults: two dozen at once). Nothing is lost by waiting; a refusal loses the press.
const queuedWrite = { maxWait: 15_000, timeout: 15_000 };

export interface GradingLimits {
  /** Submissions a learner may make per window, across all exercises. */
  rateLimit: number;
  rateWindowMs: number;
}

function retryMessage(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Stores a submission, refusing a second one in flight for the same exercise and a learner over the rate limit.
 * Returns its first event too: the submitter shows it at once instead of waiting for the event stream to open.
 */
export async function createSubmission(
  { db }: DbContext,
  input: { userId: string; exerciseId: string; files: SubmissionFiles },
  limits: GradingLimits,
  now = new Date(),
): Promise<SubmissionCreated> {
  return db.$transaction(async (tx) => {
    await refuseSecondInFlight(tx, `grading:${input.userId}:${input.exerciseId}`, { userId: input.userId, exerciseId: input.exerciseId }, "This exercise is already being graded. Wait for its verdict, then grade again.");
    const windowStart = new Date(now.getTime() - limits.rateWindowMs);
    // Not gradable is our fault, so it costs the learner nothing here either (see countsAsAttempt).
    const recent = await tx.submission.findMany({
      where: { userId: input.userId, createdAt: { gt: windowStart }, status: { not: "NOT_GRADABLE" } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    const oldest = recent[0];
    if (recent.length >= limits.rateLimit && oldest) {
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest.createdAt.getTime() + limits.rateWindowMs - now.getTime()) / 1000));
      throw new AppError(
        "rate_limited",
        `You have graded ${recent.length} times in the last ${retryMessage(Math.round(limits.rateWindowMs / 1000))}, the most a learner can. Try again in ${retryMessage(retryAfterSeconds)}.`,
        { retryAfterSeconds },
      );
    }
    return storeGrading(tx, { userId: input.userId, exerciseId: input.exerciseId, files: input.files, createdAt: now });
  }, queuedWrite);
}

/** Every grading is stored with its first event, so a live view answers at once, before the grader has said anything. */
export const submittedEvent = { create: { seq: 1, type: "submitted", data: asJson({ type: "submitted" } satisfies SubmissionEvent) } };

/**
 * Under a lock on `lockKey`, so that two clicks (two tabs, a double submit) cannot both pass: refuses a second grading
 * while one in `scope` is queued or running, naming it.
 */
async function refuseSecondInFlight(tx: Prisma.TransactionClient, lockKey: string, scope: Prisma.SubmissionWhereInput, busy: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${lockKey}))`;
  const inFlight = await tx.submission.findFirst({ where: { ...scope, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
  if (inFlight) throw new AppError("conflict", busy, { details: { submissionId: inFlight.id } });
}

/** Stores a grading with its first event and returns both: the submitter shows the event without waiting for the stream. */
async function storeGrading(tx: Prisma.TransactionClient, data: Omit<Prisma.SubmissionUncheckedCreateInput, "events">): Promise<SubmissionCreated> {
  const created = await tx.submission.create({
    data: { ...data, events: submittedEvent },
    select: { id: true, events: { select: { seq: true, createdAt: true, type: true, data: true } } },
  });
  const [first] = created.events;
  if (!first) throw new Error(`grading ${created.id} was stored without its submitted event`);
  return { id: created.id, event: toStreamed(first) };
}

/**
 * Stores an author's grading of an exercise revision ("preview as a learner", server/authoring/exercise-preview.ts):
 * a PROVING grading outside any run — owned by nobody, so no one's attempts, progress or regrades count it; LOW
 * priority like the proving runs; judged by the revision's spec and starter (gradingToDispatch). One at a time per
 * revision, as a learner has one at a time per exercise.
 */
export async function createPreviewGrading(
  { db }: DbContext,
  input: { exerciseId: string; revisionId: string; exerciseVersion: string; files: SubmissionFiles },
): Promise<SubmissionCreated> {
  return db.$transaction(async (tx) => {
    await refuseSecondInFlight(tx, `grading:preview:${input.revisionId}`, previewGradingsOf(input.revisionId), "This revision is already being graded. Wait for its verdict, then grade again.");
    return storeGrading(tx, { kind: "PROVING", priority: "LOW", ...input });
  }, queuedWrite);
}

/** A revision's preview gradings: PROVING gradings of it that belong to no proving run. */
function previewGradingsOf(revisionId: string): Prisma.SubmissionWhereInput {
  return { kind: "PROVING", revisionId, provingRunId: null };
}

/**
 * Stores a grading of the exercise's reference solution for its current version, unless that version has been
 * measured or its grading is queued or running (here or on another web instance). Returns the grading's id, or null.
 */
export async function createReferenceGrading({ db }: DbContext, exerciseId: string): Promise<string | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`grading:reference:${exerciseId}`}))`;
    const exercise = await tx.exercise.findUnique({ where: { id: exerciseId }, select: { contentHash: true, referenceImageHash: true, solution: true } });
    if (!exercise || exercise.referenceImageHash === exercise.contentHash) return null;
    const inFlight = await tx.submission.findFirst({
      where: { exerciseId, kind: "REFERENCE", exerciseVersion: exercise.contentHash, status: { in: ["QUEUED", "RUNNING"] } },
      select: { id: true },
    });
    if (inFlight) return null;
    const created = await tx.submission.create({
      data: { kind: "REFERENCE", exerciseId, exerciseVersion: exercise.contentHash, files: asJson(exercise.solution), events: submittedEvent },
      select: { id: true },
    });
    return created.id;
  }, queuedWrite);
}

function toStreamed(row: { seq: number; createdAt: Date; type: string; data: unknown }): StreamedEvent {
  return streamedEventSchema.parse({ seq: row.seq, at: row.createdAt.toISOString(), event: row.data });
}

/** Stores an event; text the database cannot hold (NUL, broken characters) is replaced first (lib/grading/storable). */
export async function appendEvent({ db }: DbContext, submissionId: string, seq: number, event: SubmissionEvent): Promise<StreamedEvent> {
  const row = await db.submissionEvent.create({
    data: { submissionId, seq, type: event.type, data: asJson(toStorable(event).value) },
    select: { seq: true, createdAt: true, type: true, data: true },
  });
  return toStreamed(row);
}

export async function nextSeq({ db }: DbContext, submissionId: string): Promise<number> {
  const last = await db.submissionEvent.findFirst({ where: { submissionId }, orderBy: { seq: "desc" }, select: { seq: true } });
  return (last?.seq ?? 0) + 1;
}

export async function eventsAfter({ db }: DbContext, submissionId: string, afterSeq: number): Promise<StreamedEvent[]> {
  const rows = await db.submissionEvent.findMany({
    where: { submissionId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    select: { seq: true, createdAt: true, type: true, data: true },
  });
  return rows.map(toStreamed);
}

/** Stores the verdict event and the outcome together, so a finished submission always has its verdict event. */
export async function finishWithVerdict({ db }: DbContext, submissionId: string, seq: number, graderVerdict: Verdict, status: SubmissionStatus): Promise<StreamedEvent> {
  const verdict = toStorable(graderVerdict).value;
  return db.$transaction(async (tx) => {
    const row = await tx.submissionEvent.create({
      data: { submissionId, seq, type: "verdict", data: asJson({ type: "verdict", verdict }) },
      select: { seq: true, createdAt: true, type: true, data: true },
    });
    const grading = await tx.submission.update({
      where: { id: submissionId },
      data: {
        status,
        verdict: asJson(verdict),
        score: verdict.score,
        imageSizeBytes: verdict.image ? BigInt(verdict.image.sizeBytes) : null,
        finishedAt: new Date(),
      },
      select: { kind: true, exerciseId: true, exerciseVersion: true },
    });
    const measured = grading.kind === "REFERENCE" ? referenceImageOf(verdict) : null;
    if (measured && grading.exerciseVersion) {
      // Only onto the version measured: content synced meanwhile is measured again on its next submission.
      await tx.exercise.updateMany({
        where: { id: grading.exerciseId, contentHash: grading.exerciseVersion },
        data: { referenceImage: asJson(measured), referenceImageHash: grading.exerciseVersion },
      });
    }
    return toStreamed(row);
  });
}

const viewSelect = {
  id: true,
  status: true,
  score: true,
  imageSizeBytes: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  dispatches: true,
  files: true,
  verdict: true,
  exercise: { select: { slug: true } },
} as const;

/** Throws unless the actor may see the submission (their own; see server/authz); anyone else's is "not found", so ids cannot be probed. */
export async function requireSubmissionAccess(ctx: Ctx, submissionId: string): Promise<{ status: SubmissionStatus }> {
  requireActor(ctx.actor);
  const row = await ctx.db.submission.findUnique({ where: { id: submissionId }, select: { userId: true, status: true, kind: true } });
  // A proving run's grading and an author's preview grading belong to nobody; content authors watch them live
  // (server/authoring/proving-runs.ts, exercise-preview.ts).
  if (row?.kind === "PROVING" && hasPermission(ctx.actor, "content:author")) return { status: row.status };
  // A reference grading belongs to nobody: not a learner's record to open.
  if (!row?.userId) throw new AppError("not_found", noSuchSubmission);
  await requireViewPersonData(ctx, row.userId, "submission");
  return { status: row.status };
}

export async function getSubmissionView(ctx: Ctx, submissionId: string): Promise<SubmissionView> {
  await requireSubmissionAccess(ctx, submissionId);
  const row = await ctx.db.submission.findUnique({ where: { id: submissionId }, select: viewSelect });
  if (!row) throw new AppError("not_found", noSuchSubmission);
  const verdict = row.verdict === null ? null : verdictSchema.safeParse(row.verdict);
  return {
    id: row.id,
    exerciseSlug: row.exercise.slug,
    status: row.status,
    score: row.score,
    imageSizeBytes: row.imageSizeBytes === null ? null : Number(row.imageSizeBytes),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    dispatches: row.dispatches,
    files: row.files as Record<string, string>,
    verdict: verdict?.success ? verdict.data : null,
  };
}

export async function listAttempts({ db }: DbContext, userId: string, exerciseId: string): Promise<AttemptSummary[]> {
  return attemptSummaries(db, { userId, exerciseId });
}

/** The preview gradings of an exercise revision, newest first, as the attempt list shows them. */
export async function listPreviewGradings({ db }: DbContext, revisionId: string): Promise<AttemptSummary[]> {
  return attemptSummaries(db, previewGradingsOf(revisionId));
}

async function attemptSummaries(db: DbContext["db"], where: Prisma.SubmissionWhereInput): Promise<AttemptSummary[]> {
  const rows = await db.submission.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, status: true, score: true, imageSizeBytes: true, createdAt: true, verdict: true },
  });
  return rows.map((row) => {
    const verdict = row.verdict === null ? null : verdictSchema.safeParse(row.verdict);
    return {
      id: row.id,
      status: row.status,
      score: row.score,
      imageSizeBytes: row.imageSizeBytes === null ? null : Number(row.imageSizeBytes),
      createdAt: row.createdAt.toISOString(),
      layers: verdict?.success ? (verdict.data.image?.layers ?? []) : [],
    };
  });
}


