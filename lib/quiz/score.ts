// Pure scoring: the same function gives the browser its instant feedback and the server its stored score.
import type { QuizQuestion } from "@/lib/content/quiz-schema";
import type { Answer, Answers } from "./answer";

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === b.length && new Set(b).size === b.length && b.every((x) => left.has(x));
}

export function isCorrect(question: QuizQuestion, answer: Answer | undefined): boolean {
  if (!answer || answer.kind !== question.kind) return false;
  switch (question.kind) {
    case "single":
      return answer.kind === "single" && answer.choice === question.answer;
    case "multiple":
      return answer.kind === "multiple" && sameSet(answer.choices, question.answers);
    case "order":
      return answer.kind === "order" && answer.order.length === question.steps.length && question.steps.every((s, i) => answer.order[i] === s.id);
    case "spot-the-line":
      return answer.kind === "spot-the-line" && answer.line === question.answer;
  }
}

export interface QuizScore {
  correct: number;
  total: number;
  /** 0..1 */
  score: number;
  /** Question key → whether it was answered correctly. */
  results: Record<string, boolean>;
}

export function scoreQuiz(questions: readonly QuizQuestion[], answers: Answers): QuizScore {
  const results: Record<string, boolean> = {};
  for (const question of questions) results[question.id] = isCorrect(question, answers[question.id]);
  const correct = Object.values(results).filter(Boolean).length;
  const total = questions.length;
  return { correct, total, score: total === 0 ? 0 : correct / total, results };
}

/** Keeps only answers to questions that exist, so stored attempts never carry junk keys. */
export function answersFor(questions: readonly QuizQuestion[], answers: Answers): Answers {
  const kept: Answers = {};
  for (const question of questions) {
    const answer = answers[question.id];
    if (answer) kept[question.id] = answer;
  }
  return kept;
}
