// Quick-test questions (quiz.yaml). Every kind carries an explanation shown after answering.
import { z } from "zod";

const base = {
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by hyphens"),
  prompt: z.string().min(1),
  explanation: z.string().min(1),
};

const option = z.object({ id: z.string().min(1), text: z.string().min(1) }).strict();

function uniqueIds(items: { id: string }[]): boolean {
  return new Set(items.map((i) => i.id)).size === items.length;
}

export const singleQuestionSchema = z
  .object({ ...base, kind: z.literal("single"), options: z.array(option).min(2), answer: z.string().min(1) })
  .strict()
  .refine((q) => uniqueIds(q.options), { path: ["options"], message: "option ids must be unique" })
  .refine((q) => q.options.some((o) => o.id === q.answer), { path: ["answer"], message: "answer must be one of the option ids" });

export const multipleQuestionSchema = z
  .object({ ...base, kind: z.literal("multiple"), options: z.array(option).min(3), answers: z.array(z.string().min(1)).min(1) })
  .strict()
  .refine((q) => uniqueIds(q.options), { path: ["options"], message: "option ids must be unique" })
  .refine((q) => q.answers.every((a) => q.options.some((o) => o.id === a)), { path: ["answers"], message: "every answer must be one of the option ids" });

/** Steps are written in the correct order; the quiz shuffles them. */
export const orderQuestionSchema = z
  .object({ ...base, kind: z.literal("order"), steps: z.array(option).min(3) })
  .strict()
  .refine((q) => uniqueIds(q.steps), { path: ["steps"], message: "step ids must be unique" });

/** A Dockerfile (or command list) shown line by line; the learner picks the line at fault (1-based). */
export const spotTheLineQuestionSchema = z
  .object({ ...base, kind: z.literal("spot-the-line"), lines: z.array(z.string()).min(3), answer: z.number().int().positive() })
  .strict()
  .refine((q) => q.answer <= q.lines.length, { path: ["answer"], message: "answer must be a line number within lines" });

export const quizQuestionSchema = z.discriminatedUnion("kind", [
  singleQuestionSchema,
  multipleQuestionSchema,
  orderQuestionSchema,
  spotTheLineQuestionSchema,
]);

export const quizSchema = z
  .object({ questions: z.array(quizQuestionSchema).min(1) })
  .strict()
  .refine((q) => uniqueIds(q.questions), { path: ["questions"], message: "question ids must be unique" });

export type QuizQuestion = z.infer<typeof quizQuestionSchema>;
export type Quiz = z.infer<typeof quizSchema>;
