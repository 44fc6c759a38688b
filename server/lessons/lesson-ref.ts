import "server-only";
// Progress and quiz attempts attach to lessons anyone may read (published or outline); drafts are invisible.
// A reader's marks arrive one at a time while they read, each naming its lesson by slug: looking the lesson up
// every time doubled the cost of a mark (a join, then the insert). Ids of readable lessons are remembered for a
// short while, so a lesson unpublished meanwhile still takes a reader's own marks for at most that long.
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

const rememberMs = 30_000;
const rememberAtMost = 1_000;
// Per database client: tests (and tools) may hold several databases in one process.
const recentByDb = new WeakMap<PrismaClient, Map<string, { id: string; until: number }>>();

export async function requireLessonId(prisma: PrismaClient, key: LessonKey): Promise<string> {
  const name = `${key.course}/${key.lesson}`;
  let recentIds = recentByDb.get(prisma);
  if (!recentIds) {
    recentIds = new Map();
    recentByDb.set(prisma, recentIds);
  }
  const recent = recentIds.get(name);
  if (recent && recent.until > Date.now()) return recent.id;
  const id = (await lessonIdsBySlug(prisma, [key])).get(name);
  if (!id) throw new AppError("not_found", `There is no lesson "${key.lesson}" in course "${key.course}".`);
  if (recentIds.size >= rememberAtMost) recentIds.clear();
  recentIds.set(name, { id, until: Date.now() + rememberMs });
  return id;
}
