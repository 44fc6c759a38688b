import "server-only";
// The quick test of an authored lesson, edited as the quiz.yaml text content/ uses (every kind, with explanations) and
// validated with the content schema (field and line). Every save is a QuizRevision (author, time) after the published
// one; learners keep taking the published questions until an admin publishes, which writes the revision's questions
// through the content sync's own quiz step (ids kept) and makes it the lesson's current quiz revision. Discard drops
// the unpublished revisions, restore copies an old one into a new draft; revisions are never edited, so each quiz
// attempt stays attached to the revision it was made on.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { ArchiveIssue, QuizEditorData, RevisionDiff, RevisionRow } from "@/lib/api/answers";
import { quizSchema, type QuizQuestion } from "@/lib/content";
import { requireEditableCourse, requirePermission, type Actor } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { ContentError } from "@/server/content/content-error";
import { hashOf, parseYamlText } from "@/server/content/load";
import { revalidateReadingPages } from "@/server/content/resync";
import { emptyReport, syncQuiz } from "@/server/content/sync";
import { AppError } from "@/server/errors";
import { recordAudit } from "./audit";
import { quizYaml } from "./course-archive";
import { revisionDiff } from "./revision-diff";

const quizInput = z.object({ yaml: z.string().max(200_000) }).strict();
const revisionInput = z.object({ revisionId: z.string().min(1).max(100) }).strict();

type Tx = Prisma.TransactionClient;

const where = (courseSlug: string, lessonSlug: string) => ({ slug: lessonSlug, course: { slug: courseSlug } });

const liveQuestions = { orderBy: { position: "asc" as const }, select: { key: true, kind: true, prompt: true, data: true, explanation: true } };

/** The questions of a quiz.yaml text, or 422 with each problem's field and line. */
function questionsOf(yaml: string): QuizQuestion[] {
  try {
    return parseYamlText(quizSchema, yaml, "quiz.yaml").questions;
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    const issues: ArchiveIssue[] = error.problems.map((p) => ({ file: "quiz.yaml", field: p.field, line: p.line, message: p.message }));
    throw new AppError("invalid_input", "The quiz is not valid.", { details: { issues } });
  }
}

async function editableLesson(tx: Tx, actor: Actor | null, courseSlug: string, lessonSlug: string) {
  const lesson = await tx.lesson.findFirst({
    where: where(courseSlug, lessonSlug),
    select: { id: true, currentQuizRevision: { select: { id: true, number: true } }, course: { select: { slug: true, source: true } } },
  });
  if (!lesson) throw new AppError("not_found", "No such lesson.");
  return { ...lesson, actor: requireEditableCourse(actor, lesson.course) };
}

function newestRevision(tx: Tx, lessonId: string) {
  return tx.quizRevision.findFirst({ where: { lessonId }, orderBy: { number: "desc" } });
}

export async function quizForEditing({ db, actor }: Ctx, courseSlug: string, lessonSlug: string): Promise<QuizEditorData> {
  requirePermission(actor, "content:author");
  const lesson = await db.lesson.findFirst({
    where: where(courseSlug, lessonSlug),
    select: {
      currentQuizRevisionId: true,
      course: { select: { source: true } },
      quizQuestions: liveQuestions,
      quizRevisions: { orderBy: { number: "desc" }, take: 100, include: { author: { select: { email: true } } } },
    },
  });
  if (!lesson) throw new AppError("not_found", "No such lesson.");
  const newest = lesson.quizRevisions[0];
  const current = lesson.quizRevisions.find((r) => r.id === lesson.currentQuizRevisionId);
  const revisions: RevisionRow[] = lesson.quizRevisions.map((r) => ({
    id: r.id,
    number: r.number,
    title: questionCount(r.yaml),
    authorEmail: r.author?.email ?? null,
    createdAt: r.createdAt.toISOString(),
    published: r.id === lesson.currentQuizRevisionId,
  }));
  return {
    yaml: newest?.yaml ?? (lesson.quizQuestions.length ? quizYaml(lesson.quizQuestions) : "questions: []\n"),
    editable: lesson.course.source === "AUTHORED",
    hasDraft: newest !== undefined && (!current || newest.number > current.number),
    revisions,
  };
}

function questionCount(yaml: string): string {
  try {
    const n = questionsOf(yaml).length;
    return n === 1 ? "1 question" : `${n} questions`;
  } catch {
    return "not valid";
  }
}

/** Stores the editor's quiz.yaml as a new draft revision (nothing is written when it equals the newest revision). */
export async function saveQuiz(ctx: Ctx, courseSlug: string, lessonSlug: string, input: unknown): Promise<{ number: number; questions: number }> {
  const { yaml } = quizInput.parse(input);
  const questions = questionsOf(yaml).length;
  return ctx.db.$transaction(async (tx) => {
    const lesson = await editableLesson(tx, ctx.actor, courseSlug, lessonSlug);
    const contentHash = hashOf(yaml);
    const newest = await newestRevision(tx, lesson.id);
    if (newest?.contentHash === contentHash) return { number: newest.number, questions };
    const revision = await tx.quizRevision.create({ data: { lessonId: lesson.id, number: (newest?.number ?? 0) + 1, yaml, contentHash, authorId: lesson.actor.id } });
    return { number: revision.number, questions };
  });
}

/** Learners get the newest revision's questions (ids kept, so earlier attempts still name theirs). */
export async function publishQuiz(ctx: Ctx, courseSlug: string, lessonSlug: string): Promise<{ number: number; questions: number }> {
  const published = await ctx.db.$transaction(async (tx) => {
    const lesson = await editableLesson(tx, ctx.actor, courseSlug, lessonSlug);
    const newest = await newestRevision(tx, lesson.id);
    if (!newest) throw new AppError("conflict", "This quiz has no saved revision to publish.");
    const questions = questionsOf(newest.yaml);
    await syncQuiz(tx, lesson.id, questions, emptyReport());
    await tx.lesson.update({ where: { id: lesson.id }, data: { currentQuizRevisionId: newest.id } });
    await recordAudit(tx, lesson.actor, {
      action: "quiz.publish",
      subject: `lesson:${lesson.id}`,
      detail: { course: courseSlug, lesson: lessonSlug, from: lesson.currentQuizRevision?.number ?? null, to: newest.number, questions: questions.map((q) => q.id) },
    });
    return { number: newest.number, questions: questions.length };
  });
  revalidateReadingPages([courseSlug]);
  return published;
}

/** Drops the revisions after the published one (learners never saw them). */
export async function discardQuizDraft(ctx: Ctx, courseSlug: string, lessonSlug: string): Promise<{ discarded: number }> {
  return ctx.db.$transaction(async (tx) => {
    const lesson = await editableLesson(tx, ctx.actor, courseSlug, lessonSlug);
    const { count } = await tx.quizRevision.deleteMany({ where: { lessonId: lesson.id, number: { gt: lesson.currentQuizRevision?.number ?? 0 } } });
    if (count) await recordAudit(tx, lesson.actor, { action: "quiz.discard", subject: `lesson:${lesson.id}`, detail: { course: courseSlug, lesson: lessonSlug, discarded: count } });
    return { discarded: count };
  });
}

/** Copies an earlier revision into a new draft (publish it to make it what learners take). */
export async function restoreQuizRevision(ctx: Ctx, courseSlug: string, lessonSlug: string, input: unknown): Promise<{ number: number }> {
  const { revisionId } = revisionInput.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const lesson = await editableLesson(tx, ctx.actor, courseSlug, lessonSlug);
    const old = await tx.quizRevision.findFirst({ where: { id: revisionId, lessonId: lesson.id } });
    if (!old) throw new AppError("not_found", "No such revision.");
    const newest = await newestRevision(tx, lesson.id);
    const revision = await tx.quizRevision.create({ data: { lessonId: lesson.id, number: (newest?.number ?? 0) + 1, yaml: old.yaml, contentHash: old.contentHash, authorId: lesson.actor.id } });
    await recordAudit(tx, lesson.actor, { action: "quiz.restore", subject: `lesson:${lesson.id}`, detail: { course: courseSlug, lesson: lessonSlug, restored: old.number, as: revision.number } });
    return { number: revision.number };
  });
}

/** A revision's quiz.yaml against the published quiz (the questions learners take, when no revision was published). */
export async function quizRevisionDiff({ db, actor }: Ctx, courseSlug: string, lessonSlug: string, revisionId: string): Promise<RevisionDiff> {
  requirePermission(actor, "content:author");
  const lesson = await db.lesson.findFirst({
    where: where(courseSlug, lessonSlug),
    select: { id: true, currentQuizRevision: { select: { number: true, yaml: true } }, quizQuestions: liveQuestions },
  });
  const revision = lesson && (await db.quizRevision.findFirst({ where: { id: revisionId, lessonId: lesson.id }, select: { number: true, yaml: true } }));
  if (!lesson || !revision) throw new AppError("not_found", "No such revision.");
  const published = lesson.currentQuizRevision ?? { number: null, yaml: lesson.quizQuestions.length ? quizYaml(lesson.quizQuestions) : "" };
  return revisionDiff({ number: published.number, text: published.yaml }, { number: revision.number, text: revision.yaml });
}
