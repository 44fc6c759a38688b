import "server-only";
// One person's progress per lesson, for /me and for instructors looking at their cohort: sections read,
// checklist ticked, best quiz score, exercises passed, a completion fraction and the next thing to do.
import { publishedExercises, readableLessons, requireViewPersonData } from "@/server/authz";
import type { Ctx, DbContext } from "@/server/context";
import { lessonOutline, type LessonOutline } from "./lesson-outline";
import type { LessonProgress, NextStep } from "@/lib/progress/lesson-progress";

export interface ProgressOverview {
  lessons: LessonProgress[];
  next: (NextStep & { lesson: string }) | null;
  totals: { sectionsRead: number; checklistDone: number; attempts: number; exercisesPassed: number };
}

function mean(parts: number[]): number {
  return parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : 0;
}

/** The lessons progress is counted over, in reading order: one query, shared by a person's overview and a cohort's matrix. */
export function progressLessons({ db }: DbContext) {
  return db.lesson.findMany({
    where: readableLessons(null),
    orderBy: [{ course: { position: "asc" } }, { position: "asc" }],
    select: {
      id: true,
      slug: true,
      state: true,
      course: { select: { slug: true, title: true } },
      currentRevision: { select: { title: true, body: true, contentHash: true } },
      exercises: { where: publishedExercises, orderBy: { position: "asc" }, select: { id: true, slug: true, title: true } },
      _count: { select: { quizQuestions: true } },
    },
  });
}

export type ProgressLesson = Awaited<ReturnType<typeof progressLessons>>[number];

/** What one person has done on one lesson, as stored. */
export interface PersonLessonFacts {
  /** Their marks on this lesson. */
  marks: readonly { kind: "SECTION_READ" | "CHECKLIST_ITEM"; key: string }[];
  quiz: { best: number | null; attempts: number };
  passedExerciseIds: ReadonlySet<string>;
}

/** A lesson with its outline (what "all of it" means), read once however many people are counted on it. */
export interface OutlinedLesson {
  lesson: ProgressLesson & { currentRevision: NonNullable<ProgressLesson["currentRevision"]> };
  outline: LessonOutline;
}

/** The lessons that have a revision, each with its outline (rendered once per revision and cached). */
export async function outlinedLessons(lessons: readonly ProgressLesson[]): Promise<OutlinedLesson[]> {
  const out: OutlinedLesson[] = [];
  for (const lesson of lessons) {
    const revision = lesson.currentRevision;
    if (revision) out.push({ lesson: { ...lesson, currentRevision: revision }, outline: await lessonOutline(revision.contentHash, revision.body) });
  }
  return out;
}

/** One person's progress on one lesson. */
export function lessonProgress({ lesson, outline }: OutlinedLesson, facts: PersonLessonFacts): LessonProgress {
  const read = new Set(facts.marks.filter((m) => m.kind === "SECTION_READ").map((m) => m.key));
  const ticked = new Set(facts.marks.filter((m) => m.kind === "CHECKLIST_ITEM").map((m) => m.key));
  // Only keys the current revision still has count, so a rewritten lesson never shows more than 100%.
  const sectionsRead = outline.sections.filter((s) => read.has(s.id));
  const checklistDone = outline.checklist.filter((id) => ticked.has(id)).length;
  const best = facts.quiz.best;
  const exercisesPassed = lesson.exercises.filter((e) => facts.passedExerciseIds.has(e.id));
  const parts: number[] = [];
  if (outline.sections.length) parts.push(sectionsRead.length / outline.sections.length);
  if (outline.checklist.length) parts.push(checklistDone / outline.checklist.length);
  if (lesson._count.quizQuestions) parts.push(best ?? 0);
  if (lesson.exercises.length) parts.push(exercisesPassed.length / lesson.exercises.length);

  const base = `/learn/${lesson.course.slug}/${lesson.slug}`;
  const unread = outline.sections.find((s) => !read.has(s.id));
  const unpassed = lesson.exercises.find((e) => !facts.passedExerciseIds.has(e.id));
  let next: NextStep | null = null;
  if (unread) next = { label: `Read “${unread.title}”`, href: `${base}#${unread.id}` };
  else if (lesson._count.quizQuestions && (best ?? 0) < 1) next = { label: best === null ? "Take the quick test" : "Retake the quick test for a full score", href: `${base}/quiz` };
  else if (unpassed) next = { label: `Pass the exercise “${unpassed.title}”`, href: `${base}/exercises/${unpassed.slug}` };
  else if (checklistDone < outline.checklist.length) next = { label: "Tick off the rest of the checklist", href: base };

  return {
    course: lesson.course,
    lesson: { slug: lesson.slug, title: lesson.currentRevision.title, state: lesson.state === "OUTLINE" ? "outline" : "published" },
    sections: { read: sectionsRead.length, total: outline.sections.length },
    checklist: { done: checklistDone, total: outline.checklist.length },
    quiz: { questions: lesson._count.quizQuestions, attempts: facts.quiz.attempts, best },
    exercises: { passed: exercisesPassed.length, total: lesson.exercises.length },
    completion: mean(parts),
    next,
  };
}

export async function progressOverview(ctx: Ctx, personId: string): Promise<ProgressOverview> {
  await requireViewPersonData(ctx, personId, "learner");
  const { db } = ctx;
  const [lessons, marks, attempts, passed] = await Promise.all([
    progressLessons(ctx),
    db.progressMark.findMany({ where: { userId: personId }, select: { lessonId: true, kind: true, key: true } }),
    db.quizAttempt.groupBy({ by: ["lessonId"], where: { userId: personId }, _max: { score: true }, _count: { _all: true } }),
    db.submission.findMany({ where: { userId: personId, status: "PASSED" }, distinct: ["exerciseId"], select: { exerciseId: true } }),
  ]);
  const passedExerciseIds = new Set(passed.map((p) => p.exerciseId));
  const result = (await outlinedLessons(lessons)).map((outlined) => {
    const quizStats = attempts.find((a) => a.lessonId === outlined.lesson.id);
    return lessonProgress(outlined, {
      marks: marks.filter((m) => m.lessonId === outlined.lesson.id),
      quiz: { best: quizStats?._max.score ?? null, attempts: quizStats?._count._all ?? 0 },
      passedExerciseIds,
    });
  });
  // Published lessons first: an outline lesson has nothing to do yet beyond reading its plan.
  const nextLesson = result.find((l) => l.next && l.lesson.state === "published") ?? result.find((l) => l.next);
  return {
    lessons: result,
    next: nextLesson?.next ? { ...nextLesson.next, lesson: nextLesson.lesson.title } : null,
    totals: {
      sectionsRead: result.reduce((n, l) => n + l.sections.read, 0),
      checklistDone: result.reduce((n, l) => n + l.checklist.done, 0),
      attempts: result.reduce((n, l) => n + l.quiz.attempts, 0),
      exercisesPassed: result.reduce((n, l) => n + l.exercises.passed, 0),
    },
  };
}
