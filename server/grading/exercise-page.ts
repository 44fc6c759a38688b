import "server-only";
// Everything the exercise page renders, gathered once: the exercise (checked against the URL's course and
// lesson), the learner's draft and attempts when signed in, and the grading environment.
import type { ExerciseSpec, FileMap } from "@/grader/contract";
import type { Actor } from "@/server/authz";
import { db } from "@/server/db";
import { loadDraft } from "@/server/drafts/draft-store";
import { AppError } from "@/server/errors";
import { storedRendering } from "@/server/markdown/stored-renderings";
import { findExercise, solutionUnlocksAfter } from "@/server/exercises/exercises";
import { gradingEnvironment, type GradingEnvironment } from "@/server/exercises/grading-environment";
import { referenceImage, type ReferenceImage } from "@/server/exercises/reference-image";
import { listAttempts, type AttemptSummary } from "@/server/submissions/submission-store";

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

export async function exercisePageData(actor: Actor | null, course: string, lesson: string, slug: string): Promise<ExercisePageData> {
  const prisma = await db();
  const exercise = await findExercise(prisma, actor, slug);
  if (exercise.courseSlug !== course || exercise.lessonSlug !== lesson) throw new AppError("not_found", `There is no exercise "${slug}" in this lesson.`);
  const [draft, attempts, environment, task] = await Promise.all([
    actor ? loadDraft(prisma, actor, exercise.id) : null,
    actor ? listAttempts(prisma, actor.id, exercise.id) : [],
    gradingEnvironment(prisma, exercise.id),
    storedRendering(prisma, exercise.spec.task, []),
  ]);
  const reference = attempts.length ? await referenceImage(prisma, exercise.id) : null;
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
}
