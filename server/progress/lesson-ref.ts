import "server-only";
// Progress and quiz attempts attach to lessons anyone may read (published or outline); drafts are invisible.
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

export const readableLesson = {
  state: { in: ["PUBLISHED", "OUTLINE"] },
  currentRevisionId: { not: null },
  course: { state: { in: ["PUBLISHED", "OUTLINE"] } },
} satisfies Prisma.LessonWhereInput;

export interface LessonKey {
  course: string;
  lesson: string;
}

export async function lessonIdsBySlug(prisma: PrismaClient, keys: readonly LessonKey[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await prisma.lesson.findMany({
    where: { ...readableLesson, OR: keys.map((k) => ({ slug: k.lesson, course: { slug: k.course } })) },
    select: { id: true, slug: true, course: { select: { slug: true } } },
  });
  return new Map(rows.map((r) => [`${r.course.slug}/${r.slug}`, r.id]));
}

export async function requireLessonId(prisma: PrismaClient, key: LessonKey): Promise<string> {
  const id = (await lessonIdsBySlug(prisma, [key])).get(`${key.course}/${key.lesson}`);
  if (!id) throw new AppError("not_found", `There is no lesson "${key.lesson}" in course "${key.course}".`);
  return id;
}
