import "server-only";
// Progress and quiz attempts attach to lessons anyone may read (server/authz: readableLessons); drafts, even an
// author's preview of one, take none.
// A reader's marks arrive one at a time while they read, each naming its lesson by slug: looking the lesson up
// every time doubled the cost of a mark (a join, then the insert). Ids of readable lessons are remembered for a
// short while, so a lesson unpublished meanwhile still takes a reader's own marks for at most that long.
import { readableLessons } from "@/server/authz";
import type { DbContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { recentPerDb } from "@/server/recent-per-db";

export interface LessonKey {
  course: string;
  lesson: string;
}

/** The lesson a progress read names as `?course=<slug>&lesson=<slug>`; a part left out names no lesson (404 below). */
export function lessonKeyOf(request: Request): LessonKey {
  const params = new URL(request.url).searchParams;
  return { course: params.get("course") ?? "", lesson: params.get("lesson") ?? "" };
}

export async function lessonIdsBySlug({ db }: DbContext, keys: readonly LessonKey[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.lesson.findMany({
    where: { ...readableLessons(null), OR: keys.map((k) => ({ slug: k.lesson, course: { slug: k.course } })) },
    select: { id: true, slug: true, course: { select: { slug: true } } },
  });
  return new Map(rows.map((r) => [`${r.course.slug}/${r.slug}`, r.id]));
}

const recentIds = recentPerDb<string>({ ttlMs: 30_000, max: 1_000 });

export async function requireLessonId(ctx: DbContext, key: LessonKey): Promise<string> {
  const name = `${key.course}/${key.lesson}`;
  const recent = recentIds.get(ctx.db, name);
  if (recent) return recent;
  const id = (await lessonIdsBySlug(ctx, [key])).get(name);
  if (!id) throw new AppError("not_found", `There is no lesson "${key.lesson}" in course "${key.course}".`);
  recentIds.set(ctx.db, name, id);
  return id;
}
