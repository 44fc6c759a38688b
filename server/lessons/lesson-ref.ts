import "server-only";
// Progress and quiz attempts attach to lessons anyone may read (server/authz: readableLessons); drafts, even an
// author's preview of one, take none.
// A reader's marks arrive one at a time while they read, each naming its lesson by slug: looking the lesson up
// every time doubled the cost of a mark (a join, then the insert). Ids of readable lessons are remembered for a
// short while, so a lesson unpublished meanwhile still takes a reader's own marks for at most that long.
import type { PrismaClient } from "@/generated/prisma/client";
import { readableLessons } from "@/server/authz";
import type { DbContext } from "@/server/context";
import { AppError } from "@/server/errors";

export interface LessonKey {
  course: string;
  lesson: string;
}

export async function lessonIdsBySlug({ db }: DbContext, keys: readonly LessonKey[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.lesson.findMany({
    where: { ...readableLessons(null), OR: keys.map((k) => ({ slug: k.lesson, course: { slug: k.course } })) },
    select: { id: true, slug: true, course: { select: { slug: true } } },
  });
  return new Map(rows.map((r) => [`${r.course.slug}/${r.slug}`, r.id]));
}

const rememberMs = 30_000;
const rememberAtMost = 1_000;
// Per database client: tests (and tools) may hold several databases in one process.
const recentByDb = new WeakMap<PrismaClient, Map<string, { id: string; until: number }>>();

export async function requireLessonId(ctx: DbContext, key: LessonKey): Promise<string> {
  const name = `${key.course}/${key.lesson}`;
  let recentIds = recentByDb.get(ctx.db);
  if (!recentIds) {
    recentIds = new Map();
    recentByDb.set(ctx.db, recentIds);
  }
  const recent = recentIds.get(name);
  if (recent && recent.until > Date.now()) return recent.id;
  const id = (await lessonIdsBySlug(ctx, [key])).get(name);
  if (!id) throw new AppError("not_found", `There is no lesson "${key.lesson}" in course "${key.course}".`);
  if (recentIds.size >= rememberAtMost) recentIds.clear();
  recentIds.set(name, { id, until: Date.now() + rememberMs });
  return id;
}
