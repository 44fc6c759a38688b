import "server-only";
// A lesson's quick test as the quiz page needs it. Anyone may read it: anonymous visitors take it too.
import { unstable_cache } from "next/cache";
import { cache } from "react";
import { quizQuestionSchema, type QuizQuestion } from "@/lib/content/quiz-schema";
import { AppError } from "@/server/errors";
import { readableLessons } from "@/server/authz";
import type { DbContext } from "@/server/context";
import { courseTag } from "@/server/content/reading-tags";
import type { LessonKey } from "@/server/lessons/lesson-ref";
import { recentPerDb } from "@/server/recent-per-db";
import { questionsGeneration } from "./questions-generation";

const kindName = { SINGLE: "single", MULTIPLE: "multiple", ORDER: "order", SPOT_THE_LINE: "spot-the-line" } as const;

export interface LessonQuiz {
  lessonId: string;
  /** The published quiz revision these questions come from (null for a built-in quiz): attempts record it. */
  quizRevisionId: string | null;
  course: { slug: string; title: string };
  lesson: { slug: string; title: string };
  questions: QuizQuestion[];
}

/** A readable lesson's quick test, or null when there is no such lesson. */
async function findQuiz({ db }: DbContext, key: LessonKey): Promise<LessonQuiz | null> {
  const lesson = await db.lesson.findFirst({
    where: { ...readableLessons(null), slug: key.lesson, course: { slug: key.course } },
    select: {
      id: true,
      slug: true,
      currentQuizRevisionId: true,
      course: { select: { slug: true, title: true } },
      currentRevision: { select: { title: true } },
      quizQuestions: { orderBy: { position: "asc" }, select: { key: true, kind: true, prompt: true, explanation: true, data: true } },
    },
  });
  if (!lesson) return null;
  const questions = lesson.quizQuestions.map((row) => {
    const parsed = quizQuestionSchema.safeParse({ ...(row.data as object), id: row.key, kind: kindName[row.kind], prompt: row.prompt, explanation: row.explanation });
    // A stored question that no longer fits the schema is a content bug; say which one.
    if (!parsed.success) throw new Error(`Quiz question "${row.key}" of ${key.course}/${key.lesson} does not match the quiz schema: ${parsed.error.message}`);
    return parsed.data;
  });
  return { lessonId: lesson.id, quizRevisionId: lesson.currentQuizRevisionId, course: lesson.course, lesson: { slug: lesson.slug, title: lesson.currentRevision?.title ?? lesson.slug }, questions };
}

export async function loadQuiz(ctx: DbContext, key: LessonKey): Promise<LessonQuiz> {
  const quiz = await findQuiz(ctx, key);
  if (!quiz) throw new AppError("not_found", `There is no lesson "${key.lesson}" in course "${key.course}".`);
  return quiz;
}

// The quiz page is cached whole like the lesson's (server/lessons/courses.ts): its read is cached across requests
// under the course's reading tag, which a quiz publish and a content sync revalidate, and per request by cache().
export const getQuiz = cache((ctx: DbContext, course: string, lesson: string) =>
  unstable_cache(() => findQuiz(ctx, { course, lesson }), ["quiz", course, lesson], { tags: [courseTag(course)] })(),
);

// Scoring an attempt needs the lesson's questions, and loading them (the lesson, its course and revision, the
// questions, each parsed) cost several times the attempt's own insert. They are remembered for a short while and
// forgotten in this process whenever questions are written (syncQuiz, which every sync and quiz publish goes
// through, advances questionsGeneration). Another instance, or an attempt scored while that write's transaction was
// still open, scores against the questions it loaded for at most that long, and stores that quiz revision with it.
const recentQuizzes = recentPerDb<{ generation: number; quiz: LessonQuiz }>({ ttlMs: 30_000, max: 1_000 });

/** loadQuiz, from memory when this process loaded the same lesson's questions a moment ago. */
export async function quizForScoring(ctx: DbContext, key: LessonKey): Promise<LessonQuiz> {
  const name = `${key.course}/${key.lesson}`;
  // Read before loading: a write that lands while this loads leaves the entry already stale.
  const current = questionsGeneration.current();
  const recent = recentQuizzes.get(ctx.db, name);
  if (recent?.generation === current) return recent.quiz;
  const quiz = await loadQuiz(ctx, key);
  recentQuizzes.set(ctx.db, name, { generation: current, quiz });
  return quiz;
}
