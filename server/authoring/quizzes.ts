import "server-only";
// The quick test of an authored lesson, edited as the quiz.yaml text content/ uses (every kind, with explanations),
// validated with the content schema (field and line), and saved through the content sync's own quiz step. Questions
// keep their ids, so attempts stay attached to the questions they answered. Saved questions are live at once: the
// quiz has no draft revisions of its own yet.
import type { ArchiveIssue } from "@/lib/api/answers";
import { quizSchema } from "@/lib/content";
import { requireEditableCourse, requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { ContentError } from "@/server/content/content-error";
import { parseYamlText } from "@/server/content/load";
import { revalidateReadingPages } from "@/server/content/resync";
import { emptyReport, syncQuiz } from "@/server/content/sync";
import { AppError } from "@/server/errors";
import { z } from "zod";
import { recordAudit } from "./audit";
import { quizYaml } from "./course-archive";

const quizInput = z.object({ yaml: z.string().max(200_000) }).strict();

const where = (courseSlug: string, lessonSlug: string) => ({ slug: lessonSlug, course: { slug: courseSlug } });

export async function quizForEditing({ db, actor }: Ctx, courseSlug: string, lessonSlug: string): Promise<{ yaml: string; editable: boolean }> {
  requirePermission(actor, "content:author");
  const lesson = await db.lesson.findFirst({
    where: where(courseSlug, lessonSlug),
    select: { course: { select: { source: true } }, quizQuestions: { orderBy: { position: "asc" }, select: { key: true, kind: true, prompt: true, data: true, explanation: true } } },
  });
  if (!lesson) throw new AppError("not_found", "No such lesson.");
  return { yaml: lesson.quizQuestions.length ? quizYaml(lesson.quizQuestions) : "questions: []\n", editable: lesson.course.source === "AUTHORED" };
}

export async function saveQuiz(ctx: Ctx, courseSlug: string, lessonSlug: string, input: unknown): Promise<{ questions: number }> {
  const { yaml } = quizInput.parse(input);
  let questions;
  try {
    questions = parseYamlText(quizSchema, yaml, "quiz.yaml").questions;
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    const issues: ArchiveIssue[] = error.problems.map((p) => ({ file: "quiz.yaml", field: p.field, line: p.line, message: p.message }));
    throw new AppError("invalid_input", "The quiz is not valid.", { details: { issues } });
  }
  const saved = await ctx.db.$transaction(async (tx) => {
    const lesson = await tx.lesson.findFirst({ where: where(courseSlug, lessonSlug), select: { id: true, course: { select: { slug: true, source: true } } } });
    if (!lesson) throw new AppError("not_found", "No such lesson.");
    const actor = requireEditableCourse(ctx.actor, lesson.course);
    await syncQuiz(tx, lesson.id, questions, emptyReport());
    await recordAudit(tx, actor, { action: "quiz.save", subject: `lesson:${lesson.id}`, detail: { course: courseSlug, lesson: lessonSlug, questions: questions.map((q) => q.id) } });
    return questions.length;
  });
  revalidateReadingPages([courseSlug]);
  return { questions: saved };
}
