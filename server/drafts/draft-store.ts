import "server-only";
// A signed-in learner's unsent work on an exercise, saved as they type (the page debounces), so another browser
// or a reload opens where they left off. One draft per learner and exercise; the newest save wins.
import { z } from "zod";
import { fileMapSchema, type FileMap } from "@/grader/contract";
import { draftFilesSchema } from "@/lib/grading/file-schemas";
import { requirePermission, type Actor } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { findExercise } from "@/server/exercises/exercises";
import { uploadLimitsInForce } from "@/server/exercises/grading-environment";

export const saveDraftBodySchema = z.object({ files: draftFilesSchema(uploadLimitsInForce) }).strict();

export async function loadDraft(ctx: Ctx & { actor: Actor }, exerciseId: string): Promise<{ files: FileMap; updatedAt: string } | null> {
  const row = await ctx.db.exerciseDraft.findUnique({
    where: { userId_exerciseId: { userId: ctx.actor.id, exerciseId } },
    select: { files: true, updatedAt: true },
  });
  const files = row ? fileMapSchema.safeParse(row.files) : null;
  return row && files?.success ? { files: files.data, updatedAt: row.updatedAt.toISOString() } : null;
}

export async function saveDraft(ctx: Ctx, exerciseId: string, body: unknown): Promise<{ updatedAt: string }> {
  const learner = requirePermission(ctx.actor, "own-data");
  const { files } = saveDraftBodySchema.parse(body);
  const row = await ctx.db.exerciseDraft.upsert({
    where: { userId_exerciseId: { userId: learner.id, exerciseId } },
    create: { userId: learner.id, exerciseId, files },
    update: { files },
    select: { updatedAt: true },
  });
  return { updatedAt: row.updatedAt.toISOString() };
}

export async function saveDraftBySlug(ctx: Ctx, slug: string, body: unknown): Promise<{ updatedAt: string }> {
  requirePermission(ctx.actor, "own-data");
  const exercise = await findExercise(ctx, slug);
  return saveDraft(ctx, exercise.id, body);
}
