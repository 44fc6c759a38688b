// The order in which one attempt shows options and steps. Derived from a seed so server and browser agree.
import type { QuizQuestion } from "@/lib/content/quiz-schema";
import { hashSeed, seededRandom, shuffle, shuffleAwayFromOriginal } from "./shuffle";

export interface Presentation {
  /** Question key → option or step ids in display order (absent for spot-the-line, whose lines keep their order). */
  order: Record<string, string[]>;
}

export function presentQuiz(questions: readonly QuizQuestion[], seed: number): Presentation {
  const order: Record<string, string[]> = {};
  for (const question of questions) {
    const random = seededRandom(hashSeed(question.id, seed));
    if (question.kind === "single" || question.kind === "multiple") order[question.id] = shuffle(question.options.map((o) => o.id), random);
    if (question.kind === "order") order[question.id] = shuffleAwayFromOriginal(question.steps.map((s) => s.id), random);
  }
  return { order };
}
