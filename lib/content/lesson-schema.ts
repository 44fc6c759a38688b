import { z } from "zod";

export const keyTermSchema = z
  .object({
    term: z.string().min(1),
    /** Other spellings that should link to this term where the body uses them. */
    aliases: z.array(z.string().min(1)).default([]),
    definition: z.string().min(1),
  })
  .strict();

export const outlineSectionSchema = z
  .object({ title: z.string().min(1), points: z.array(z.string().min(1)).min(1) })
  .strict();

/** Front matter of content/<course>/<lesson>/lesson.md. */
export const lessonFrontMatterSchema = z
  .object({
    title: z.string().min(1),
    summary: z.string().min(1),
    minutes: z.number().int().positive(),
    objectives: z.array(z.string().min(1)).min(1),
    /** "outline": a planned lesson, published as objectives and sections until it is written. */
    state: z.enum(["published", "outline", "draft"]).default("published"),
    keyTerms: z.array(keyTermSchema).default([]),
    outline: z.array(outlineSectionSchema).optional(),
  })
  .strict()
  .superRefine((fm, ctx) => {
    if (fm.state === "outline" && !fm.outline?.length) {
      ctx.addIssue({ code: "custom", path: ["outline"], message: "an outline lesson lists its planned sections" });
    }
  });

export type KeyTerm = z.infer<typeof keyTermSchema>;
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;
export type LessonFrontMatterInput = z.input<typeof lessonFrontMatterSchema>;
