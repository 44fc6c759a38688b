// What a learner answers, per question kind. Shared by the quiz page (instant feedback) and the server (which
// re-scores every saved attempt rather than trusting a score sent by the browser).
import { z } from "zod";

export const answerSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("single"), choice: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal("multiple"), choices: z.array(z.string().min(1).max(100)).max(50) }).strict(),
  z.object({ kind: z.literal("order"), order: z.array(z.string().min(1).max(100)).max(50) }).strict(),
  z.object({ kind: z.literal("spot-the-line"), line: z.number().int().positive().max(1000) }).strict(),
]);

export type Answer = z.infer<typeof answerSchema>;

/** Question key → answer. Unanswered questions are simply absent. */
export const answersSchema = z.record(z.string().min(1).max(100), answerSchema).refine((a) => Object.keys(a).length <= 200, "too many answers");

export type Answers = z.infer<typeof answersSchema>;
