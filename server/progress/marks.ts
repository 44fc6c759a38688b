import "server-only";
// Progress facts (a section read, a checklist item ticked) and the one-time merge of an anonymous visitor's
// browser-kept progress into their account. Every fact is unique per (user, lesson, kind, key), so writing one
// twice — or merging the same browser twice — changes nothing.
import { randomUUID } from "node:crypto";
import type { ProgressKind } from "@/generated/prisma/client";
import { mergeInputSchema, progressMarkInputSchema, type ProgressKindInput } from "@/lib/validations/progress";
import { requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { saveQuizAttemptFor } from "@/server/quiz/attempts";
import { isAppError } from "@/server/errors";
import { lessonIdsBySlug, requireLessonId, type LessonKey } from "@/server/lessons/lesson-ref";
import type { LessonMarks, MergeReport } from "@/lib/api/answers";

export const progressKind: Record<ProgressKindInput, ProgressKind> = { "section-read": "SECTION_READ", "checklist-item": "CHECKLIST_ITEM" };

export async function setProgressMark(ctx: Ctx, input: unknown): Promise<{ changed: boolean }> {
  const me = requirePermission(ctx.actor, "own-data");
  const mark = progressMarkInputSchema.parse(input);
  const lessonId = await requireLessonId(ctx, mark);
  const kind = progressKind[mark.kind];
  // One plain statement each: a reader sends these all the time, and building the ORM's createMany/deleteMany
  // query cost several times the write itself (bench/progress-write.ts). Ids are opaque, so a UUID serves.
  const changed = mark.done
    ? await ctx.db.$executeRaw`INSERT INTO "ProgressMark" ("id", "userId", "lessonId", "kind", "key") VALUES (${randomUUID()}, ${me.id}, ${lessonId}, ${kind}::"ProgressKind", ${mark.key}) ON CONFLICT DO NOTHING`
    : await ctx.db.$executeRaw`DELETE FROM "ProgressMark" WHERE "userId" = ${me.id} AND "lessonId" = ${lessonId} AND "kind" = ${kind}::"ProgressKind" AND "key" = ${mark.key}`;
  return { changed: changed > 0 };
}

export async function myLessonMarks(ctx: Ctx, key: LessonKey): Promise<LessonMarks> {
  const me = requirePermission(ctx.actor, "own-data");
  const lessonId = await requireLessonId(ctx, key);
  const rows = await ctx.db.progressMark.findMany({ where: { userId: me.id, lessonId }, select: { kind: true, key: true }, orderBy: { createdAt: "asc" } });
  return {
    sectionsRead: rows.filter((r) => r.kind === "SECTION_READ").map((r) => r.key),
    checklist: rows.filter((r) => r.kind === "CHECKLIST_ITEM").map((r) => r.key),
  };
}

export async function mergeAnonymousProgress(ctx: Ctx, input: unknown): Promise<MergeReport> {
  const me = requirePermission(ctx.actor, "own-data");
  const { lessons, attempts } = mergeInputSchema.parse(input);
  const ids = await lessonIdsBySlug(ctx, lessons);
  const report: MergeReport = { marksAdded: 0, attemptsAdded: 0, skipped: 0 };

  const marks = lessons.flatMap((l) => {
    const lessonId = ids.get(`${l.course}/${l.lesson}`);
    if (!lessonId) {
      report.skipped++;
      return [];
    }
    return [
      ...l.sectionsRead.map((key) => ({ userId: me.id, lessonId, kind: "SECTION_READ" as const, key })),
      ...l.checklist.map((key) => ({ userId: me.id, lessonId, kind: "CHECKLIST_ITEM" as const, key })),
    ];
  });
  if (marks.length) report.marksAdded = (await ctx.db.progressMark.createMany({ data: marks, skipDuplicates: true })).count;

  for (const attempt of attempts) {
    try {
      if ((await saveQuizAttemptFor(ctx, me.id, attempt)).created) report.attemptsAdded++;
    } catch (error) {
      if (isAppError(error) && error.code === "not_found") report.skipped++;
      else throw error;
    }
  }
  return report;
}
