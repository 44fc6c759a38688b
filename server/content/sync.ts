// Brings the database in line with content/ — idempotently, by content hash: an unchanged file writes nothing,
// an edited lesson gets a new revision (older revisions and everyone's progress stay). Lessons dropped from a
// course are unpublished, not deleted, so nobody's progress is lost. The report names the courses whose rows
// changed, so a running server can revalidate their cached pages (server/content/resync.ts).
import type { Prisma } from "@/generated/prisma/client";
import type { DbContext } from "@/server/context";
import { asJson } from "../json-value";
import { hashOf, type LoadedCourse, type LoadedLesson } from "./load";

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

const emptyReport = (): SyncReport => ({
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

async function syncLesson(tx: Tx, courseId: string, lesson: LoadedLesson, report: SyncReport): Promise<void> {
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

  // Compare with the newest revision that came from a file: an admin's edit in the UI is not undone by a restart.
  const lastFromFile = await tx.lessonRevision.findFirst({
    where: { lessonId: row.id, authorId: null },
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
      },
    });
    await tx.lesson.update({ where: { id: row.id }, data: { currentRevisionId: revision.id } });
    report.revisionsCreated++;
  }

  await syncQuiz(tx, row.id, lesson, report);
  await syncExercises(tx, row.id, lesson, report);
}

async function syncQuiz(tx: Tx, lessonId: string, lesson: LoadedLesson, report: SyncReport): Promise<void> {
  const existing = new Map(
    (await tx.quizQuestion.findMany({ where: { lessonId }, select: { key: true, contentHash: true, position: true } })).map((q) => [q.key, q]),
  );
  for (const [position, question] of lesson.quiz.entries()) {
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
}

async function syncExercises(tx: Tx, lessonId: string, lesson: LoadedLesson, report: SyncReport): Promise<void> {
  for (const [position, exercise] of lesson.exercises.entries()) {
    const current = await tx.exercise.findUnique({ where: { slug: exercise.spec.slug }, select: { contentHash: true, position: true, lessonId: true } });
    if (current?.contentHash === exercise.contentHash && current.position === position && current.lessonId === lessonId) continue;
    const fields = {
      lessonId,
      position,
      title: exercise.spec.title,
      spec: asJson(exercise.spec),
      starter: exercise.starter,
      solution: exercise.solution,
      contentHash: exercise.contentHash,
    };
    await tx.exercise.upsert({ where: { slug: exercise.spec.slug }, create: { slug: exercise.spec.slug, ...fields }, update: fields });
    report.exercisesWritten++;
  }
}

export async function syncContent({ db }: DbContext, courses: LoadedCourse[]): Promise<SyncResult> {
  const report = emptyReport();
  const changedCourses: string[] = [];
  for (const [position, loaded] of courses.entries()) {
    const before = JSON.stringify(report);
    await db.$transaction(
      async (tx) => {
        const { course } = loaded;
        const existing = await tx.course.findUnique({ where: { slug: course.slug } });
        const fields = { title: course.title, summary: course.summary, position, learningPath: course.learningPath, contentHash: loaded.contentHash };
        const row =
          existing && existing.contentHash === loaded.contentHash && existing.position === position
            ? existing
            : await tx.course.upsert({ where: { slug: course.slug }, create: { slug: course.slug, ...fields }, update: fields });
        if (row !== existing) report.coursesWritten++;

        for (const lesson of loaded.lessons) await syncLesson(tx, row.id, lesson, report);

        const dropped = await tx.lesson.updateMany({
          where: { courseId: row.id, slug: { notIn: loaded.lessons.map((l) => l.slug) }, state: { not: "DRAFT" } },
          data: { state: "DRAFT" },
        });
        report.lessonsUnpublished += dropped.count;
      },
      { timeout: 60_000 },
    );
    if (JSON.stringify(report) !== before) changedCourses.push(loaded.course.slug);
  }
  return { ...report, changedCourses };
}
