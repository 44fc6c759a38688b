// Advanced whenever quiz questions are written (syncQuiz: every sync and quiz publish), so questions remembered for
// scoring before it are not used again (server/quiz/questions.ts). A module of its own: the content sync, which
// runs at start-up too, writes questions without loading what reads them.
import { sharedGeneration } from "@/server/shared-generation";

export const questionsGeneration = sharedGeneration("quizQuestions");
