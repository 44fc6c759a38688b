import "server-only";
// Exercises as the grading pages and routes need them: found by slug in a lesson the actor may open, with the spec
// validated again (the Json column could hold anything a past sync wrote) and only the fields a page shows.
import { exerciseSpecSchema, fileMapSchema, type ExerciseSpec, type FileMap } from "@/grader/contract";
import { readableExercises, requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";

export interface ExerciseRecord {
  id: string;
  slug: string;
  title: string;
  spec: ExerciseSpec;
  starter: FileMap;
  courseSlug: string;
  lessonSlug: string;
  lessonTitle: string;
}

/** The exercise if the actor may open it (server/authz: readableExercises). */
export async function findExercise({ db, actor }: Ctx, slug: string): Promise<ExerciseRecord> {
  const row = await db.exercise.findFirst({
    where: { slug, ...readableExercises(actor) },
    select: {
      id: true,
      slug: true,
      title: true,
      spec: true,
      starter: true,
      lesson: { select: { slug: true, course: { select: { slug: true } }, currentRevision: { select: { title: true } } } },
    },
  });
  if (!row) throw new AppError("not_found", `There is no exercise "${slug}".`);
  const spec = exerciseSpecSchema.safeParse(row.spec);
  const starter = fileMapSchema.safeParse(row.starter);
  if (!spec.success || !starter.success) throw new Error(`exercise ${slug} holds an invalid spec or starter; re-run the content sync`);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    spec: spec.data,
    starter: starter.data,
    courseSlug: row.lesson.course.slug,
    lessonSlug: row.lesson.slug,
    lessonTitle: row.lesson.currentRevision?.title ?? row.lesson.slug,
  };
}

/** The reference solution, only after three failed attempts (the page's button is a convenience, this is the rule). */
export async function referenceSolution(ctx: Ctx, exerciseId: string): Promise<FileMap> {
  const learner = requirePermission(ctx.actor, "grade");
  const failed = await ctx.db.submission.count({ where: { userId: learner.id, exerciseId, status: "FAILED" } });
  if (failed < solutionUnlocksAfter) {
    throw new AppError("forbidden", `The reference solution opens after ${solutionUnlocksAfter} failed attempts; you have ${failed}. Keep going — the check hints point the way.`);
  }
  const row = await ctx.db.exercise.findUniqueOrThrow({ where: { id: exerciseId }, select: { solution: true } });
  return fileMapSchema.parse(row.solution);
}

export const solutionUnlocksAfter = 3;
