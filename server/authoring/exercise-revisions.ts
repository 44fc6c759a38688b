import "server-only";
// An exercise's revision history (issue 16), as lessons and quizzes have it: discard drops the revisions after the
// published one, restore copies an old revision into a new draft, and any revision can be compared line by line with
// the published exercise, as the files of its folder in content/. A restored revision is a new revision: publishing
// it needs a proving run of its own (publishExercise checks the run proved the newest revision).
import { z } from "zod";
import type { RevisionDiff } from "@/lib/api/answers";
import { requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { recordAudit } from "./audit";
import { appendRevision, draftOf, editableExercise, newestRevision, savedDraftSchema } from "./exercises";
import { exerciseRevisionText, revisionDiff } from "./revision-diff";

const revisionInput = z.object({ revisionId: z.string().min(1).max(100) }).strict();

/**
 * Drops the revisions after the published one (learners never saw them). An exercise never published is refused: its
 * revisions are all it has, and its row (what "preview as a learner" shows) is its newest; restore an earlier one instead.
 */
export async function discardExerciseDraft(ctx: Ctx, slug: string): Promise<{ discarded: number }> {
  return ctx.db.$transaction(async (tx) => {
    const exercise = await editableExercise(tx, ctx.actor, slug);
    if (!exercise.currentRevision) throw new AppError("conflict", "This exercise was never published: its revisions are all it has (restore an earlier one instead).");
    const { count } = await tx.exerciseRevision.deleteMany({ where: { exerciseId: exercise.id, number: { gt: exercise.currentRevision.number } } });
    if (count) await recordAudit(tx, exercise.actor, { action: "exercise.discard", subject: `exercise:${exercise.id}`, detail: { exercise: slug, discarded: count } });
    return { discarded: count };
  });
}

/**
 * Copies an earlier revision into a new draft, checked again as a save is (today's upload limits may be stricter than
 * the ones it was saved under). Publishing it needs its own proving run.
 */
export async function restoreExerciseRevision(ctx: Ctx, slug: string, input: unknown): Promise<{ number: number; revisionId: string }> {
  const { revisionId } = revisionInput.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const exercise = await editableExercise(tx, ctx.actor, slug);
    const old = await tx.exerciseRevision.findFirst({ where: { id: revisionId, exerciseId: exercise.id } });
    if (!old) throw new AppError("not_found", "No such revision.");
    const draft = savedDraftSchema.parse(draftOf(old));
    const revision = await appendRevision(tx, exercise, draft, await newestRevision(tx, exercise.id));
    await recordAudit(tx, exercise.actor, { action: "exercise.restore", subject: `exercise:${exercise.id}`, detail: { exercise: slug, restored: old.number, as: revision.number } });
    return { number: revision.number, revisionId: revision.id };
  });
}

/**
 * A revision against the published exercise, as its folder's files: the published revision, or the exercise's row when
 * it was published without one (built-in, imported); against nothing while it was never published.
 */
export async function exerciseRevisionDiff({ db, actor }: Ctx, slug: string, revisionId: string): Promise<RevisionDiff> {
  requirePermission(actor, "content:author");
  const content = { spec: true, starter: true, solution: true, mistakes: true, expected: true } as const;
  const exercise = await db.exercise.findUnique({ where: { slug }, select: { id: true, state: true, ...content, currentRevision: { select: { number: true, ...content } } } });
  const revision = exercise && (await db.exerciseRevision.findFirst({ where: { id: revisionId, exerciseId: exercise.id }, select: { number: true, ...content } }));
  if (!exercise || !revision) throw new AppError("not_found", "No such revision.");
  const published = exercise.currentRevision ?? (exercise.state === "DRAFT" ? null : exercise);
  return revisionDiff(
    { number: exercise.currentRevision?.number ?? null, text: published ? exerciseRevisionText(draftOf(published)) : "" },
    { number: revision.number, text: exerciseRevisionText(draftOf(revision)) },
  );
}
