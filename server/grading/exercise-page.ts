import "server-only";
// Everything the exercise page renders, gathered once: the exercise (checked against the URL's course and
// lesson), the learner's draft and attempts when signed in, and the grading environment. Cached per request:
// the page's metadata and its body ask for the same data, which is read (and the grader probed) once.
import { cache } from "react";
import type { AttemptSummary, ReferenceImage } from "@/lib/api/answers";
import type { ExerciseSpec, FileMap } from "@/grader/contract";
import type { Ctx } from "@/server/context";
import { loadDraft } from "@/server/drafts/draft-store";
import { AppError } from "@/server/errors";
import { storedRendering } from "@/server/markdown/stored-renderings";
import { findExercise, solutionUnlocksAfter } from "@/server/exercises/exercises";
import { gradingEnvironment, type GradingEnvironment } from "@/server/exercises/grading-environment";
import { referenceImage } from "@/server/exercises/reference-image";
import { listAttempts } from "@/server/submissions/submission-store";

export interface ExercisePageData {
  slug: string;
  title: string;
  spec: ExerciseSpec;
  /** The task's Markdown as HTML, through the lessons' pipeline (sanitized, code highlighted), rendered once. */
  task: string;
  starter: FileMap;
  lessonTitle: string;
  lessonHref: string;
  draft: FileMap | null;
  attempts: AttemptSummary[];
  solutionUnlocksAfter: number;
  environment: GradingEnvironment;
  reference: ReferenceImage | null;
}

export const exercisePageData = cache(async (ctx: Ctx, course: string, lesson: string, slug: string): Promise<ExercisePageData> => {
  const { actor } = ctx;
  const exercise = await findExercise(ctx, slug);
  if (exercise.courseSlug !== course || exercise.lessonSlug !== lesson) throw new AppError("not_found", `There is no exercise "${slug}" in this lesson.`);
  const [draft, attempts, environment, task] = await Promise.all([
    actor ? loadDraft({ ...ctx, actor }, exercise.id) : null,
    actor ? listAttempts(ctx, actor.id, exercise.id) : [],
    gradingEnvironment(ctx, exercise.id),
    storedRendering(ctx.db, exercise.spec.task, []),
  ]);
  const reference = attempts.length ? await referenceImage(ctx, exercise.id) : null;
  return {
    reference,
    slug: exercise.slug,
    title: exercise.title,
    spec: exercise.spec,
    task: task.html,
    starter: exercise.starter,
    lessonTitle: exercise.lessonTitle,
    lessonHref: `/learn/${course}/${lesson}`,
    draft: draft?.files ?? null,
    attempts,
    solutionUnlocksAfter,
    environment,
  };
});
