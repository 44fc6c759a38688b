import "server-only";
// The instructor's matrix: learners × lessons and exercises, with "stuck" flags and a summary row. Built from
// cohort-facts.ts (a constant number of queries); the per-lesson numbers come from the same lessonProgress the
// learner's own progress page uses, so the two never disagree.
import type { CohortMatrix, ExerciseCell, LessonCell, MatrixLearner, StuckFlag } from "@/lib/api/answers";
import type { Ctx } from "@/server/context";
import { lessonProgress, outlinedLessons } from "@/server/progress/summary";
import type { AttemptRecord } from "./attempt-records";
import { indexBy, loadCohortFacts, type CohortFacts } from "./cohort-facts";

/** Three failing gradings in a row on one required check: the same mistake, not bad luck. */
export const stuckAfterFailures = 3;
export const idleAfterMs = 7 * 24 * 60 * 60 * 1000;

const latest = (a: Date | null, b: Date | null) => (a === null ? b : b === null || a > b ? a : b);

/** A learner's flags from their recent attempts (newest first per exercise) and when they last did anything. */
export function stuckFlags(recentByExercise: ReadonlyMap<string, readonly AttemptRecord[]>, lastActivity: Date, now: Date): StuckFlag[] {
  const flags: StuckFlag[] = [];
  for (const [exerciseSlug, recent] of recentByExercise) {
    const run = recent.slice(0, stuckAfterFailures);
    const check = run[0]?.failure?.id;
    if (run.length === stuckAfterFailures && check && run.every((r) => r.status === "FAILED" && r.failure?.id === check)) {
      flags.push({ kind: "repeating-failure", exerciseSlug, check, since: (run.at(-1) as AttemptRecord).createdAt.toISOString() });
    }
  }
  if (now.getTime() - lastActivity.getTime() > idleAfterMs) flags.push({ kind: "idle", since: lastActivity.toISOString() });
  return flags;
}

function exerciseCell(recent: readonly AttemptRecord[] | undefined): ExerciseCell {
  const newest = recent?.[0];
  if (!newest) return { state: "not-started", attempts: 0, at: null, failingCheck: null, latestSubmissionId: null };
  const passed = newest.firstPassAt !== null;
  return {
    state: passed ? "passed" : "failing",
    attempts: newest.attempts,
    at: (newest.firstPassAt ?? newest.createdAt).toISOString(),
    failingCheck: newest.status === "FAILED" ? (newest.failure?.id ?? null) : null,
    latestSubmissionId: newest.submissionId,
  };
}

export async function buildMatrix(facts: CohortFacts, now = new Date()): Promise<CohortMatrix> {
  const { cohort, members, lessons, marks, quiz, records } = facts;
  const outlined = await outlinedLessons(lessons);
  const marksOf = indexBy(marks, (m) => `${m.userId}/${m.lessonId}`);
  const quizOf = new Map(quiz.map((q) => [`${q.userId}/${q.lessonId}`, q]));
  const recordsOf = indexBy(records, (r) => r.userId);
  const exercises = lessons.flatMap((l) => l.exercises);
  const slugOf = new Map(exercises.map((e) => [e.id, e.slug]));
  const activityOf = new Map<string, Date>();
  const touch = (userId: string, at: Date | null) => {
    const seen = latest(activityOf.get(userId) ?? null, at);
    if (seen) activityOf.set(userId, seen);
  };
  for (const m of marks) touch(m.userId, m.createdAt);
  for (const q of quiz) touch(q.userId, q._max.createdAt);
  for (const r of records) touch(r.userId, r.createdAt);

  const learners: MatrixLearner[] = [];
  for (const { user, joinedAt } of members) {
    const mine = recordsOf.get(user.id) ?? [];
    const recentByExercise = indexBy(mine, (r) => slugOf.get(r.exerciseId) ?? r.exerciseId);
    const passedExerciseIds = new Set(mine.filter((r) => r.firstPassAt !== null).map((r) => r.exerciseId));
    const lessonCells: LessonCell[] = outlined.map((o) => {
      const q = quizOf.get(`${user.id}/${o.lesson.id}`);
      const progress = lessonProgress(o, {
        marks: marksOf.get(`${user.id}/${o.lesson.id}`) ?? [],
        quiz: { best: q?._max.score ?? null, attempts: q?._count._all ?? 0 },
        passedExerciseIds,
      });
      return { lessonSlug: o.lesson.slug, sectionsRead: progress.sections.read, checklistDone: progress.checklist.done, bestQuiz: progress.quiz.best, completion: progress.completion };
    });
    const lastActivity = activityOf.get(user.id) ?? null;
    learners.push({
      user,
      joinedAt: joinedAt.toISOString(),
      lastActivityAt: lastActivity?.toISOString() ?? null,
      lessons: lessonCells,
      exercises: Object.fromEntries(exercises.map((e) => [e.slug, exerciseCell(recentByExercise.get(e.slug))])),
      // A learner who never did anything is idle from the day they joined.
      stuck: stuckFlags(recentByExercise, latest(lastActivity, joinedAt) ?? joinedAt, now),
    });
  }

  const columns = outlined.map(({ lesson, outline }) => ({
    slug: lesson.slug,
    title: lesson.currentRevision.title,
    sections: outline.sections.length,
    checklist: outline.checklist.length,
    quizQuestions: lesson._count.quizQuestions,
    exercises: lesson.exercises.map((e) => ({ slug: e.slug, title: e.title })),
  }));
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  return {
    cohort: { id: cohort.id, name: cohort.name },
    lessons: columns,
    learners,
    summary: {
      lessons: Object.fromEntries(columns.map((c, i) => [c.slug, mean(learners.map((l) => l.lessons[i]?.completion ?? 0))])),
      exercises: Object.fromEntries(
        exercises.map((e) => {
          const states = learners.map((l) => l.exercises[e.slug]?.state);
          return [e.slug, { passed: states.filter((s) => s === "passed").length, failing: states.filter((s) => s === "failing").length, notStarted: states.filter((s) => s === "not-started").length }];
        }),
      ),
      stuck: learners.filter((l) => l.stuck.length > 0).length,
    },
    generatedAt: now.toISOString(),
  };
}

export async function cohortMatrix(ctx: Ctx, cohortId: string): Promise<CohortMatrix> {
  return buildMatrix(await loadCohortFacts(ctx, cohortId));
}
