// Progress writes and the one-time merge of what an anonymous visitor did in this browser.
import { z } from "zod";
import { answersSchema } from "@/lib/quiz/answer";

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lowercase slug").max(100);
const markKey = z.string().trim().min(1).max(200);

export const progressKindSchema = z.enum(["section-read", "checklist-item"]);

export const progressMarkInputSchema = z
  .object({ course: slug, lesson: slug, kind: progressKindSchema, key: markKey, done: z.boolean().default(true) })
  .strict();

export const quizAttemptInputSchema = z
  .object({
    /** Made in the browser when the attempt starts; the same attempt sent twice is stored once. */
    clientId: z.uuid("clientId must be a UUID"),
    course: slug,
    lesson: slug,
    answers: answersSchema,
    finishedAt: z.iso.datetime().optional(),
  })
  .strict();

export const mergeInputSchema = z
  .object({
    lessons: z
      .array(
        z
          .object({
            course: slug,
            lesson: slug,
            sectionsRead: z.array(markKey).max(200).default([]),
            checklist: z.array(markKey).max(200).default([]),
          })
          .strict(),
      )
      .max(100)
      .default([]),
    attempts: z.array(quizAttemptInputSchema).max(200).default([]),
  })
  .strict();

export type ProgressKindInput = z.infer<typeof progressKindSchema>;
export type ProgressMarkInput = z.infer<typeof progressMarkInputSchema>;
export type QuizAttemptInput = z.infer<typeof quizAttemptInputSchema>;
export type MergeInput = z.infer<typeof mergeInputSchema>;
