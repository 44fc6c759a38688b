import "server-only";
// Saving quiz attempts. The server re-scores the answers with the shared scorer; a score sent by a browser is
// never stored. Attempts are keyed by the user and the browser's clientId (unique per user, not across users, so
// another person's id can never displace one's own attempt): re-sending one (a retry, a second merge) stores
// nothing new.
import { randomUUID } from "node:crypto";
import { answersFor, scoreQuiz } from "@/lib/quiz/score";
import { quizAttemptInputSchema, type QuizAttemptInput } from "@/lib/validations/progress";
import { requirePermission } from "@/server/authz";
import type { Ctx, DbContext } from "@/server/context";
import { quizForScoring } from "./questions";
import type { QuizBest, SavedQuizAttempt } from "@/lib/api/answers";
import { requireLessonId, type LessonKey } from "@/server/lessons/lesson-ref";

export async function saveQuizAttemptFor(ctx: DbContext, userId: string, attempt: QuizAttemptInput): Promise<SavedQuizAttempt> {
  const quiz = await quizForScoring(ctx, attempt);
  const answers = answersFor(quiz.questions, attempt.answers);
  const { score, correct, total } = scoreQuiz(quiz.questions, answers);
  const createdAt = attempt.finishedAt ? new Date(Math.min(Date.parse(attempt.finishedAt), Date.now())) : new Date();
  // One plain statement, as a progress mark is written (server/progress/marks.ts): building the ORM's createMany
  // query cost more than the insert itself. Ids are opaque, so a UUID serves.
  const count = await ctx.db.$executeRaw`
    INSERT INTO "QuizAttempt" ("id", "userId", "lessonId", "quizRevisionId", "clientId", "score", "correct", "total", "answers", "createdAt")
    VALUES (${randomUUID()}, ${userId}, ${quiz.lessonId}, ${quiz.quizRevisionId}, ${attempt.clientId}, ${score}, ${correct}, ${total}, ${JSON.stringify(answers)}::jsonb, ${createdAt})
    ON CONFLICT DO NOTHING`;
  return { clientId: attempt.clientId, score, correct, total, created: count === 1 };
}

export async function saveQuizAttempt(ctx: Ctx, input: unknown): Promise<SavedQuizAttempt> {
  const me = requirePermission(ctx.actor, "own-data");
  return saveQuizAttemptFor(ctx, me.id, quizAttemptInputSchema.parse(input));
}

/** The caller's best score at a lesson's quick test, or null if they have not finished it. */
export async function myBestScore(ctx: Ctx, key: LessonKey): Promise<QuizBest> {
  const me = requirePermission(ctx.actor, "own-data");
  const lessonId = await requireLessonId(ctx, key);
  const best = await ctx.db.quizAttempt.aggregate({ where: { userId: me.id, lessonId }, _max: { score: true } });
  return { best: best._max.score };
}
