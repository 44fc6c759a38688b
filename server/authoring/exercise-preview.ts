import "server-only";
// "Preview as a learner" of any revision of an exercise (issue 16): a draft of an exercise learners already have, or
// of one never published, shown as learners will get it — the same page components, the task rendered by the lesson
// pipeline, the revision's starter — and graded on the real grader against that revision's spec. A preview grading
// is a PROVING grading outside any proving run (server/submissions/submission-store.ts `createPreviewGrading`):
// owned by nobody, so it is no learner's attempt and never reaches progress, the cohort matrix or a regrade; LOW
// priority, so learners' gradings go first. Content authors only, built-in exercises' recorded revisions too.
import { baseImagesOf, exerciseSpecSchema, type ExerciseSpec, type FileMap } from "@/grader/contract";
import type { AttemptsAnswer, SubmissionCreated } from "@/lib/api/answers";
import { requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { solutionUnlocksAfter } from "@/server/exercises/exercises";
import { environmentOf, type GradingEnvironment } from "@/server/exercises/grading-environment";
import type { Dispatcher } from "@/server/grader-link/dispatcher";
import { graderEndpoint } from "@/server/grader-link/grader-endpoint";
import { graderHealth } from "@/server/grader-link/grader-client";
import { submitBodySchema } from "@/server/grading/use-cases";
import { storedRendering } from "@/server/markdown/stored-renderings";
import { createPreviewGrading, listPreviewGradings } from "@/server/submissions/submission-store";
import { fileMapOf } from "./exercise-files";

export interface ExercisePreviewData {
  slug: string;
  title: string;
  spec: ExerciseSpec;
  /** The revision's task Markdown as HTML, through the lessons' pipeline (sanitized, code highlighted). */
  task: string;
  starter: FileMap;
  solution: FileMap;
  lessonTitle: string;
  lessonHref: string;
  revision: { id: string; number: number; published: boolean };
  attempts: AttemptsAnswer["attempts"];
  solutionUnlocksAfter: number;
  environment: GradingEnvironment;
}

/** The revision, if it is one of this exercise's; anything else is "not found", so ids cannot be probed across exercises. */
async function previewedRevision(ctx: Ctx, slug: string, revisionId: string) {
  requirePermission(ctx.actor, "content:author");
  const revision = await ctx.db.exerciseRevision.findFirst({
    where: { id: revisionId, exercise: { slug } },
    select: {
      id: true,
      number: true,
      spec: true,
      starter: true,
      solution: true,
      contentHash: true,
      exercise: { select: { id: true, currentRevisionId: true, lesson: { select: { slug: true, course: { select: { slug: true } }, currentRevision: { select: { title: true } } } } } },
    },
  });
  if (!revision) throw new AppError("not_found", `Exercise "${slug}" has no such revision.`);
  return revision;
}

export async function exercisePreview(ctx: Ctx, slug: string, revisionId: string): Promise<ExercisePreviewData> {
  const revision = await previewedRevision(ctx, slug, revisionId);
  const spec = exerciseSpecSchema.parse(revision.spec);
  const starter = fileMapOf(revision.starter, "starter");
  const solution = fileMapOf(revision.solution, "solution");
  const { lesson } = revision.exercise;
  const [task, attempts, health] = await Promise.all([storedRendering(ctx.db, spec.task, []), listPreviewGradings(ctx, revision.id), graderHealth(graderEndpoint)]);
  return {
    slug,
    title: spec.title,
    spec,
    task: task.html,
    starter,
    solution,
    lessonTitle: lesson.currentRevision?.title ?? lesson.slug,
    lessonHref: `/learn/${lesson.course.slug}/${lesson.slug}`,
    revision: { id: revision.id, number: revision.number, published: revision.id === revision.exercise.currentRevisionId },
    attempts,
    solutionUnlocksAfter,
    environment: environmentOf(health, [...new Set([starter, solution].flatMap(baseImagesOf))]),
  };
}

/** Grades the author's files against the revision; the dispatcher sends the revision's spec and starter. */
export async function gradeExercisePreview(ctx: Ctx, slug: string, revisionId: string, body: unknown, dispatcher: Pick<Dispatcher, "dispatch">): Promise<SubmissionCreated> {
  const revision = await previewedRevision(ctx, slug, revisionId);
  const { files } = submitBodySchema.parse(body);
  const created = await createPreviewGrading(ctx, { exerciseId: revision.exercise.id, revisionId: revision.id, exerciseVersion: revision.contentHash, files });
  void dispatcher.dispatch(created.id);
  return created;
}

/** The revision's preview gradings, newest first, in the shape the learners' attempt list reads. */
export async function exercisePreviewGradings(ctx: Ctx, slug: string, revisionId: string): Promise<AttemptsAnswer> {
  const revision = await previewedRevision(ctx, slug, revisionId);
  return { attempts: await listPreviewGradings(ctx, revision.id), reference: null };
}
