import { z } from "zod";

export const slugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by hyphens");

export const courseSchema = z
  .object({
    slug: slugSchema,
    title: z.string().min(1),
    summary: z.string().min(1),
    /** Lesson folder names, in reading order. */
    lessons: z.array(slugSchema).min(1),
    learningPath: z
      .array(
        z
          .object({
            stage: z.string().min(1),
            title: z.string().min(1),
            lesson: slugSchema,
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((course, ctx) => {
    if (new Set(course.lessons).size !== course.lessons.length) {
      ctx.addIssue({ code: "custom", path: ["lessons"], message: "a lesson is listed twice" });
    }
    course.learningPath.forEach((step, i) => {
      if (!course.lessons.includes(step.lesson)) {
        ctx.addIssue({ code: "custom", path: ["learningPath", i, "lesson"], message: `"${step.lesson}" is not in lessons` });
      }
    });
  });

export type Course = z.infer<typeof courseSchema>;
