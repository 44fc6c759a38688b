import "server-only";
// Lessons of authored courses, edited in the admin area. Every save is a new LessonRevision (author, time) after
// the published one, which stays what learners read until an admin publishes; discard drops the unpublished ones,
// restore copies an old revision into a new draft, and any revision can be compared line by line with the published
// one. Revisions are never edited, so progress and quiz attempts keep pointing at what the learner saw. Built-in
// courses are read-only here (server/authz requireEditableCourse).
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { LessonEditorData, LessonPreview, RevisionDiff, RevisionRow } from "@/lib/api/answers";
import { keyTermSchema, lessonFrontMatterSchema } from "@/lib/content";
import { slugSchema } from "@/lib/content/course-schema";
import { requireEditableCourse, requirePermission, type Actor } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { hashOf } from "@/server/content/load";
import { revalidateReadingPages } from "@/server/content/resync";
import { AppError } from "@/server/errors";
import { renderLessonHtml } from "@/server/markdown/render-lesson-markdown";
import { recordAudit } from "./audit";
import { lessonMarkdown } from "./lesson-file";
import { revisionDiff } from "./revision-diff";

/** A lesson body an editor may send: far above the longest built-in lesson (about 60 KiB). */
const maxBodyLength = 400_000;

export const lessonDraftSchema = z
  .object({
    // The front matter's fields a revision holds (state is the lesson's, set by publishing).
    frontMatter: z.object((({ title, summary, minutes, objectives, keyTerms }) => ({ title, summary, minutes, objectives, keyTerms }))(lessonFrontMatterSchema.shape)).strict(),
    body: z.string().max(maxBodyLength),
  })
  .strict();

export const previewSchema = z.object({ body: z.string().max(maxBodyLength), keyTerms: z.array(keyTermSchema).max(200).default([]) }).strict();

export const newCourseSchema = z.object({ slug: slugSchema, title: z.string().trim().min(1).max(200), summary: z.string().trim().min(1).max(1000) }).strict();

export const newLessonSchema = z.object({ slug: slugSchema, title: z.string().trim().min(1).max(200) }).strict();

type Tx = Prisma.TransactionClient;

async function editableLesson(tx: Tx, actor: Actor | null, courseSlug: string, lessonSlug: string) {
  const lesson = await tx.lesson.findFirst({
    where: { slug: lessonSlug, course: { slug: courseSlug } },
    select: { id: true, state: true, currentRevision: { select: { id: true, number: true } }, course: { select: { slug: true, source: true } } },
  });
  if (!lesson) throw new AppError("not_found", "No such lesson.");
  return { ...lesson, actor: requireEditableCourse(actor, lesson.course) };
}

async function newestRevision(tx: Tx, lessonId: string) {
  return tx.lessonRevision.findFirst({ where: { lessonId }, orderBy: { number: "desc" } });
}

export async function createCourse(ctx: Ctx, input: unknown): Promise<{ slug: string }> {
  const actor = requirePermission(ctx.actor, "content:author");
  const { slug, title, summary } = newCourseSchema.parse(input);
  if (await ctx.db.course.findUnique({ where: { slug }, select: { id: true } })) throw new AppError("conflict", `A course "${slug}" exists already.`);
  const last = await ctx.db.course.aggregate({ _max: { position: true } });
  await ctx.db.course.create({
    data: { slug, title, summary, source: "AUTHORED", state: "DRAFT", position: (last._max.position ?? -1) + 1, learningPath: [], contentHash: hashOf({ slug, title, summary, by: actor.id }) },
  });
  return { slug };
}

/** A new lesson at the end of the course, with a first draft revision, and a stage of its own in the learning path. */
export async function createLesson(ctx: Ctx, courseSlug: string, input: unknown): Promise<{ slug: string }> {
  const actor = requirePermission(ctx.actor, "content:author");
  const { slug, title } = newLessonSchema.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const course = await tx.course.findUnique({ where: { slug: courseSlug }, select: { id: true, slug: true, source: true, learningPath: true, _count: { select: { lessons: true } } } });
    if (!course) throw new AppError("not_found", "No such course.");
    requireEditableCourse(actor, course);
    if (await tx.lesson.findUnique({ where: { courseId_slug: { courseId: course.id, slug } }, select: { id: true } })) throw new AppError("conflict", `The course has a lesson "${slug}" already.`);
    const lesson = await tx.lesson.create({ data: { courseId: course.id, slug, position: course._count.lessons, state: "DRAFT" } });
    const body = `## ${title}\n\nWrite the lesson here.`;
    await tx.lessonRevision.create({
      data: { lessonId: lesson.id, number: 1, title, summary: title, minutes: 5, objectives: [title], keyTerms: [], body, contentHash: hashOf(body), authorId: actor.id },
    });
    const path = Array.isArray(course.learningPath) ? course.learningPath : [];
    await tx.course.update({ where: { id: course.id }, data: { learningPath: [...path, { stage: `Lesson ${path.length + 1}`, title, lesson: slug }] } });
    return { slug };
  });
}

export async function lessonForEditing(ctx: Ctx, courseSlug: string, lessonSlug: string): Promise<LessonEditorData> {
  requirePermission(ctx.actor, "content:author");
  const lesson = await ctx.db.lesson.findFirst({
    where: { slug: lessonSlug, course: { slug: courseSlug } },
    select: {
      id: true,
      slug: true,
      state: true,
      currentRevisionId: true,
      course: { select: { slug: true, title: true, source: true } },
      revisions: { orderBy: { number: "desc" }, take: 100, include: { author: { select: { email: true } } } },
    },
  });
  const newest = lesson?.revisions[0];
  if (!lesson || !newest) throw new AppError("not_found", "No such lesson.");
  const current = lesson.revisions.find((r) => r.id === lesson.currentRevisionId);
  const revisions: RevisionRow[] = lesson.revisions.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    authorEmail: r.author?.email ?? null,
    createdAt: r.createdAt.toISOString(),
    published: r.id === lesson.currentRevisionId,
  }));
  return {
    course: { slug: lesson.course.slug, title: lesson.course.title, editable: lesson.course.source === "AUTHORED" },
    slug: lesson.slug,
    state: lesson.state,
    hasDraft: !current || newest.number > current.number,
    frontMatter: {
      title: newest.title,
      summary: newest.summary,
      minutes: newest.minutes,
      objectives: z.array(z.string()).parse(newest.objectives),
      keyTerms: z.array(keyTermSchema).parse(newest.keyTerms),
    },
    body: newest.body,
    revisions,
  };
}

/** Stores the editor's fields as a new draft revision (nothing is written when they equal the newest revision). */
export async function saveLessonDraft(ctx: Ctx, courseSlug: string, lessonSlug: string, input: unknown): Promise<{ number: number }> {
  const { frontMatter, body } = lessonDraftSchema.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const lesson = await editableLesson(tx, ctx.actor, courseSlug, lessonSlug);
    const contentHash = hashOf({ frontMatter, body });
    const newest = await newestRevision(tx, lesson.id);
    if (newest?.contentHash === contentHash) return { number: newest.number };
    const revision = await tx.lessonRevision.create({
      data: { lessonId: lesson.id, number: (newest?.number ?? 0) + 1, ...frontMatter, body, contentHash, authorId: lesson.actor.id },
    });
    return { number: revision.number };
  });
}

/** Learners get the newest revision; the lesson (and a draft course) becomes visible. */
export async function publishLesson(ctx: Ctx, courseSlug: string, lessonSlug: string): Promise<{ number: number }> {
  const number = await ctx.db.$transaction(async (tx) => {
    const lesson = await editableLesson(tx, ctx.actor, courseSlug, lessonSlug);
    const newest = await newestRevision(tx, lesson.id);
    if (!newest) throw new AppError("not_found", "No such lesson.");
    await tx.lesson.update({ where: { id: lesson.id }, data: { currentRevisionId: newest.id, state: lesson.state === "OUTLINE" ? "OUTLINE" : "PUBLISHED" } });
    await tx.course.update({ where: { slug: courseSlug }, data: { state: "PUBLISHED" } });
    await recordAudit(tx, lesson.actor, { action: "lesson.publish", subject: `lesson:${lesson.id}`, detail: { course: courseSlug, lesson: lessonSlug, from: lesson.currentRevision?.number ?? null, to: newest.number } });
    return newest.number;
  });
  revalidateReadingPages([courseSlug]);
  return { number };
}

/** Drops the revisions after the published one. */
export async function discardLessonDraft(ctx: Ctx, courseSlug: string, lessonSlug: string): Promise<{ discarded: number }> {
  return ctx.db.$transaction(async (tx) => {
    const lesson = await editableLesson(tx, ctx.actor, courseSlug, lessonSlug);
    if (!lesson.currentRevision) throw new AppError("conflict", "This lesson was never published: its first draft is all it has.");
    const { count } = await tx.lessonRevision.deleteMany({ where: { lessonId: lesson.id, number: { gt: lesson.currentRevision.number } } });
    if (count) await recordAudit(tx, lesson.actor, { action: "lesson.discard", subject: `lesson:${lesson.id}`, detail: { course: courseSlug, lesson: lessonSlug, discarded: count } });
    return { discarded: count };
  });
}

/** Copies an earlier revision into a new draft (publish it to make it what learners read). */
export async function restoreLessonRevision(ctx: Ctx, courseSlug: string, lessonSlug: string, input: unknown): Promise<{ number: number }> {
  const { revisionId } = z.object({ revisionId: z.string().min(1).max(100) }).strict().parse(input);
  return ctx.db.$transaction(async (tx) => {
    const lesson = await editableLesson(tx, ctx.actor, courseSlug, lessonSlug);
    const old = await tx.lessonRevision.findFirst({ where: { id: revisionId, lessonId: lesson.id } });
    if (!old) throw new AppError("not_found", "No such revision.");
    const newest = await newestRevision(tx, lesson.id);
    const { title, summary, minutes, objectives, keyTerms, body, contentHash } = old;
    const revision = await tx.lessonRevision.create({
      data: { lessonId: lesson.id, number: (newest?.number ?? 0) + 1, title, summary, minutes, objectives: objectives ?? [], keyTerms: keyTerms ?? [], body, contentHash, authorId: lesson.actor.id },
    });
    await recordAudit(tx, lesson.actor, { action: "lesson.restore", subject: `lesson:${lesson.id}`, detail: { course: courseSlug, lesson: lessonSlug, restored: old.number, as: revision.number } });
    return { number: revision.number };
  });
}

/** A revision as lesson.md against the published one (against nothing while the lesson was never published). */
export async function lessonRevisionDiff({ db, actor }: Ctx, courseSlug: string, lessonSlug: string, revisionId: string): Promise<RevisionDiff> {
  requirePermission(actor, "content:author");
  const lesson = await db.lesson.findFirst({ where: { slug: lessonSlug, course: { slug: courseSlug } }, select: { id: true, currentRevision: true } });
  const revision = lesson && (await db.lessonRevision.findFirst({ where: { id: revisionId, lessonId: lesson.id } }));
  if (!lesson || !revision) throw new AppError("not_found", "No such revision.");
  const published = lesson.currentRevision;
  return revisionDiff({ number: published?.number ?? null, text: published ? lessonMarkdown(published) : "" }, { number: revision.number, text: lessonMarkdown(revision) });
}

/** The lesson page's pipeline on an unsaved body: sanitized like every lesson, not stored (it changes per keystroke). */
export async function previewLesson(ctx: Ctx, input: unknown): Promise<LessonPreview> {
  requirePermission(ctx.actor, "content:author");
  const { body, keyTerms } = previewSchema.parse(input);
  return renderLessonHtml(body, keyTerms);
}
