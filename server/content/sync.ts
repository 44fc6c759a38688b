// Brings the database in line with content/ — idempotently, by content hash: an unchanged file writes nothing,
// an edited lesson gets a new revision (older revisions and everyone's progress stay). Lessons dropped from a
// course are unpublished, not deleted, so nobody's progress is lost. The report names the courses whose rows
// changed, so a running server can revalidate their cached pages (server/content/resync.ts).
//
// The same sync writes a course an admin imports as an archive (server/authoring/course-archive.ts), marked
// AUTHORED: a built-in sync never writes over an authored course nor an import over a built-in one, and neither
// takes over an exercise slug another course holds.
import { Prisma, type CourseSource, type PublishState } from "@/generated/prisma/client";
import type { QuizQuestion } from "@/lib/content";
import type { DbContext } from "@/server/context";
import { questionsGeneration } from "@/server/quiz/questions-generation";
import { asJson } from "../json-value";
import { ContentError } from "./content-error";
import { hashOf, type LoadedCourse, type LoadedLesson } from "./load";

export interface SyncOptions {
  /** BUILT_IN (default) for content/; AUTHORED for an archive imported in the admin area. */
  source: CourseSource;
  /** The course's state (an import as a draft); a built-in course keeps the one it has. */
  state?: PublishState;
  /** Where the course goes in the catalog; a built-in sync places courses in the order given. */
  position?: number;
  /** Who wrote the revisions (the importing admin); a built-in sync writes them as from a file (null). */
  authorId?: string;
  /** Runs in each course's transaction after it is written (the import's audit entry), so both or neither happen. */
  afterCourse?: (tx: Prisma.TransactionClient, courseSlug: string) => Promise<void>;
}

export interface SyncReport {
  coursesWritten: number;
  lessonsWritten: number;
  revisionsCreated: number;
  questionsWritten: number;
  questionsRemoved: number;
  exercisesWritten: number;
  lessonsUnpublished: number;
}

export interface SyncResult extends SyncReport {
  /** Slugs of the courses that had anything written: their reading pages (and the catalog) are out of date. */
  changedCourses: string[];
}

export const emptyReport = (): SyncReport => ({
  coursesWritten: 0,
  lessonsWritten: 0,
  revisionsCreated: 0,
  questionsWritten: 0,
  questionsRemoved: 0,
  exercisesWritten: 0,
  lessonsUnpublished: 0,
});

export function changedAnything(result: SyncResult): boolean {
  return result.changedCourses.length > 0;
}

const lessonState = { published: "PUBLISHED", outline: "OUTLINE", draft: "DRAFT" } as const;

const questionKind = { single: "SINGLE", multiple: "MULTIPLE", order: "ORDER", "spot-the-line": "SPOT_THE_LINE" } as const;

type Tx = Prisma.TransactionClient;

async function syncLesson(tx: Tx, course: { id: string; slug: string }, lesson: LoadedLesson, report: SyncReport, options: SyncOptions): Promise<void> {
  const courseId = course.id;
  const state = lessonState[lesson.frontMatter.state];
  const existing = await tx.lesson.findUnique({ where: { courseId_slug: { courseId, slug: lesson.slug } } });
  const row =
    existing && existing.position === lesson.position && existing.state === state
      ? existing
      : await tx.lesson.upsert({
          where: { courseId_slug: { courseId, slug: lesson.slug } },
          create: { courseId, slug: lesson.slug, position: lesson.position, state },
          update: { position: lesson.position, state },
        });
  if (row !== existing) report.lessonsWritten++;

  // Built-in: compare with the newest revision that came from a file, so an admin's edit is not undone by a restart.
  // Imported: with the newest revision, whoever wrote it.
  const lastFromFile = await tx.lessonRevision.findFirst({
    where: { lessonId: row.id, ...(options.source === "BUILT_IN" ? { authorId: null } : {}) },
    orderBy: { number: "desc" },
    select: { contentHash: true },
  });
  if (lastFromFile?.contentHash !== lesson.contentHash) {
    const newest = await tx.lessonRevision.findFirst({ where: { lessonId: row.id }, orderBy: { number: "desc" }, select: { number: true } });
    const fm = lesson.frontMatter;
    const revision = await tx.lessonRevision.create({
      data: {
        lessonId: row.id,
        number: (newest?.number ?? 0) + 1,
        title: fm.title,
        summary: fm.summary,
        minutes: fm.minutes,
        objectives: fm.objectives,
        keyTerms: fm.keyTerms,
        outline: fm.outline ?? undefined,
        body: lesson.body,
        contentHash: lesson.contentHash,
        authorId: options.authorId,
      },
    });
    await tx.lesson.update({ where: { id: row.id }, data: { currentRevisionId: revision.id } });
    report.revisionsCreated++;
  }

  await syncQuiz(tx, row.id, lesson.quiz, report);
  await syncExercises(tx, course, row.id, lesson, report, options.source);
}

/** Brings a lesson's questions in line with `quiz` (the quiz editor saves through this too). */
export async function syncQuiz(tx: Tx, lessonId: string, quiz: readonly QuizQuestion[], report: SyncReport): Promise<void> {
  const existing = new Map(
    (await tx.quizQuestion.findMany({ where: { lessonId }, select: { key: true, contentHash: true, position: true } })).map((q) => [q.key, q]),
  );
  for (const [position, question] of quiz.entries()) {
    const { id: key, kind, prompt, explanation, ...data } = question;
    const contentHash = hashOf(question);
    const current = existing.get(key);
    existing.delete(key);
    if (current?.contentHash === contentHash && current.position === position) continue;
    const fields = { position, kind: questionKind[kind], prompt, explanation, data, contentHash };
    await tx.quizQuestion.upsert({
      where: { lessonId_key: { lessonId, key } },
      create: { lessonId, key, ...fields },
      update: fields,
    });
    report.questionsWritten++;
  }
  if (existing.size) {
    const removed = await tx.quizQuestion.deleteMany({ where: { lessonId, key: { in: [...existing.keys()] } } });
    report.questionsRemoved += removed.count;
  }
  questionsGeneration.advance();
}

async function syncExercises(tx: Tx, course: { id: string; slug: string }, lessonId: string, lesson: LoadedLesson, report: SyncReport, source: CourseSource): Promise<void> {
  for (const [position, exercise] of lesson.exercises.entries()) {
    const current = await tx.exercise.findUnique({
      where: { slug: exercise.spec.slug },
      select: { contentHash: true, position: true, lessonId: true, lesson: { select: { courseId: true, course: { select: { slug: true, source: true } } } } },
    });
    // content/ may move an exercise between its own courses; an authored course's exercises are its own.
    if (current && current.lesson.courseId !== course.id && (source === "AUTHORED" || current.lesson.course.source === "AUTHORED")) {
      throw ContentError.of(`${course.slug}/${lesson.slug}/exercises/${exercise.spec.slug}/exercise.yaml`, [
        `slug: "${exercise.spec.slug}" is the slug of an exercise in course "${current.lesson.course.slug}"; exercise slugs are unique across courses`,
      ]);
    }
    if (current?.contentHash === exercise.contentHash && current.position === position && current.lessonId === lessonId) continue;
    const fields = {
      lessonId,
      position,
      title: exercise.spec.title,
      spec: asJson(exercise.spec),
      starter: exercise.starter,
      solution: exercise.solution,
      mistakes: asJson(exercise.mistakes),
      expected: exercise.expected === null ? Prisma.DbNull : asJson(exercise.expected),
      contentHash: exercise.contentHash,
    };
    await tx.exercise.upsert({ where: { slug: exercise.spec.slug }, create: { slug: exercise.spec.slug, ...fields }, update: fields });
    report.exercisesWritten++;
  }
}

export async function syncContent({ db }: DbContext, courses: LoadedCourse[], options: SyncOptions = { source: "BUILT_IN" }): Promise<SyncResult> {
  const report = emptyReport();
  const changedCourses: string[] = [];
  for (const [position, loaded] of courses.entries()) {
    const before = JSON.stringify(report);
    await db.$transaction(
      async (tx) => {
        const { course } = loaded;
        const existing = await tx.course.findUnique({ where: { slug: course.slug } });
        if (existing && existing.source !== options.source) {
          throw ContentError.of(`${course.slug}/course.yaml`, [
            `slug: "${course.slug}" is taken by a ${existing.source === "BUILT_IN" ? "built-in course (edit it in content/)" : "course authored in the admin area"}`,
          ]);
        }
        const state = options.state ?? existing?.state ?? "PUBLISHED";
        const at = options.position ?? position;
        const fields = { title: course.title, summary: course.summary, position: at, state, source: options.source, learningPath: course.learningPath, contentHash: loaded.contentHash };
        const row =
          existing && existing.contentHash === loaded.contentHash && existing.position === at && existing.state === state
            ? existing
            : await tx.course.upsert({ where: { slug: course.slug }, create: { slug: course.slug, ...fields }, update: fields });
        if (row !== existing) report.coursesWritten++;

        for (const lesson of loaded.lessons) await syncLesson(tx, row, lesson, report, options);

        const dropped = await tx.lesson.updateMany({
          where: { courseId: row.id, slug: { notIn: loaded.lessons.map((l) => l.slug) }, state: { not: "DRAFT" } },
          data: { state: "DRAFT" },
        });
        report.lessonsUnpublished += dropped.count;
        await options.afterCourse?.(tx, course.slug);
      },
      { timeout: 60_000 },
    );
    if (JSON.stringify(report) !== before) changedCourses.push(loaded.course.slug);
  }
  return { ...report, changedCourses };
}
