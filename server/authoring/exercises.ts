import "server-only";
// Exercises edited in the admin area (issue 16). Every save is a new ExerciseRevision (author, time) — spec, starter,
// solution, mistake cases and what each must get, checked with the grader's own schemas (lib/authoring) — after the
// published one, which stays what learners grade against. Publishing needs a proving run of the newest revision
// that passed (server/authoring/proving-runs.ts); it then copies the revision onto the exercise row, which is what
// the learners' pages and every grading read. An exercise created here is a DRAFT, seen by content authors only,
// until its first publish. Built-in exercises come from content/ and are shown read-only, with their folder.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { expectedSchema, type Expected } from "@/grader/contract/exercise-cases";
import { exerciseSpecSchema } from "@/grader/contract";
import type { ExerciseDraftData, ExerciseEditorData } from "@/lib/api/answers";
import { exerciseDraftSchema } from "@/lib/authoring/exercise-draft";
import { slugSchema } from "@/lib/content/course-schema";
import { requireEditableCourse, requirePermission, type Actor } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { hashOf } from "@/server/content/load";
import { revalidateReadingPages } from "@/server/content/resync";
import { AppError } from "@/server/errors";
import { uploadLimitsInForce } from "@/server/exercises/grading-environment";
import type { Dispatcher } from "@/server/grader-link/dispatcher";
import { asJson } from "@/server/json-value";
import { recordAudit } from "./audit";
import { fileMapOf, mistakesOf } from "./exercise-files";
import { provingRunView, startProvingRun } from "./proving-runs";

export const newExerciseSchema = z.object({ slug: slugSchema, title: z.string().trim().min(1).max(200) }).strict();

export const savedDraftSchema = exerciseDraftSchema(uploadLimitsInForce);

type Tx = Prisma.TransactionClient;

const noSuchExercise = "No such exercise.";

/** What a new exercise starts as: the smallest spec the grader accepts, for the author to fill in. */
function scaffold(slug: string, title: string): ExerciseDraftData {
  return {
    spec: exerciseSpecSchema.parse({
      slug,
      title,
      summary: title,
      task: "Describe the task here.",
      checklist: ["The image builds"],
      app: { port: 8000 },
      probe: { expect: { status: 200 } },
      checks: [
        { id: "dockerfile-valid", required: true, hint: "Fix the line the parser names." },
        { id: "build", required: true, hint: "Read the failing step's output." },
      ],
    }),
    starter: { Dockerfile: "FROM python:3.11-slim\n" },
    solution: { Dockerfile: "FROM python:3.11-slim\n" },
    mistakes: {},
    expected: { starter: { status: "fail", failing: [] }, solution: { status: "pass", failing: [] }, mistakes: {} },
  };
}

function revisionData(draft: ExerciseDraftData) {
  return {
    spec: asJson(draft.spec),
    starter: draft.starter,
    solution: draft.solution,
    mistakes: asJson(draft.mistakes),
    expected: asJson(draft.expected),
    contentHash: hashOf(draft),
  };
}

export async function editableExercise(tx: Tx, actor: Actor | null, slug: string) {
  const exercise = await tx.exercise.findUnique({
    where: { slug },
    select: { id: true, state: true, currentRevision: { select: { number: true } }, lesson: { select: { course: { select: { slug: true, source: true } } } } },
  });
  if (!exercise) throw new AppError("not_found", noSuchExercise);
  return { ...exercise, actor: requireEditableCourse(actor, exercise.lesson.course) };
}

export async function newestRevision(tx: Tx, exerciseId: string) {
  return tx.exerciseRevision.findFirst({ where: { exerciseId }, orderBy: { number: "desc" } });
}

/** A new DRAFT exercise at the end of the lesson, with a first revision to edit. Exercise slugs are unique site-wide. */
export async function createExercise(ctx: Ctx, courseSlug: string, lessonSlug: string, input: unknown): Promise<{ slug: string }> {
  requirePermission(ctx.actor, "content:author");
  const { slug, title } = newExerciseSchema.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const lesson = await tx.lesson.findFirst({
      where: { slug: lessonSlug, course: { slug: courseSlug } },
      select: { id: true, course: { select: { slug: true, source: true } }, _count: { select: { exercises: true } } },
    });
    if (!lesson) throw new AppError("not_found", "No such lesson.");
    const actor = requireEditableCourse(ctx.actor, lesson.course);
    if (await tx.exercise.findUnique({ where: { slug }, select: { id: true } })) throw new AppError("conflict", `An exercise "${slug}" exists already (exercise slugs are unique across courses).`);
    const draft = scaffold(slug, title);
    const data = revisionData(draft);
    const exercise = await tx.exercise.create({
      data: { lessonId: lesson.id, slug, position: lesson._count.exercises, title, state: "DRAFT", ...data },
      select: { id: true },
    });
    await tx.exerciseRevision.create({ data: { exerciseId: exercise.id, number: 1, authorId: actor.id, ...data } });
    return { slug };
  });
}

function expectedOf(value: Prisma.JsonValue | null): Expected {
  const parsed = expectedSchema.safeParse(value);
  return parsed.success ? parsed.data : { solution: { status: "pass", failing: [] }, mistakes: {} };
}

type StoredContent = { spec: Prisma.JsonValue; starter: Prisma.JsonValue; solution: Prisma.JsonValue; mistakes: Prisma.JsonValue; expected: Prisma.JsonValue };

/** A revision (or the exercise row) as the editor holds it, each stored column checked on the way out. */
export function draftOf(stored: StoredContent): ExerciseDraftData {
  return {
    spec: exerciseSpecSchema.parse(stored.spec),
    starter: fileMapOf(stored.starter, "starter"),
    solution: fileMapOf(stored.solution, "solution"),
    mistakes: mistakesOf(stored.mistakes),
    expected: expectedOf(stored.expected),
  };
}

/**
 * Adds `draft` as the exercise's next revision. Nobody but authors sees an exercise never published: its row follows
 * the newest revision, so "preview as a learner" shows it.
 */
export async function appendRevision(tx: Tx, exercise: Awaited<ReturnType<typeof editableExercise>>, draft: ExerciseDraftData, after: { number: number } | null) {
  const data = revisionData(draft);
  const revision = await tx.exerciseRevision.create({ data: { exerciseId: exercise.id, number: (after?.number ?? 0) + 1, authorId: exercise.actor.id, ...data } });
  if (exercise.state === "DRAFT") await tx.exercise.update({ where: { id: exercise.id }, data: { title: draft.spec.title, ...data } });
  return revision;
}

export async function exerciseForEditing(ctx: Ctx, slug: string): Promise<ExerciseEditorData> {
  requirePermission(ctx.actor, "content:author");
  const exercise = await ctx.db.exercise.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      state: true,
      spec: true,
      starter: true,
      solution: true,
      mistakes: true,
      expected: true,
      currentRevisionId: true,
      lesson: { select: { slug: true, currentRevision: { select: { title: true } }, revisions: { orderBy: { number: "desc" }, take: 1, select: { title: true } }, course: { select: { slug: true, title: true, source: true } } } },
      revisions: { orderBy: { number: "desc" }, take: 100, include: { author: { select: { email: true } } } },
    },
  });
  if (!exercise) throw new AppError("not_found", noSuchExercise);
  const { lesson } = exercise;
  const newest = exercise.revisions[0];
  const draft = draftOf(newest ?? exercise);
  const lastRun = newest ? await ctx.db.provingRun.findFirst({ where: { revisionId: newest.id, purpose: "PUBLISH" }, orderBy: { createdAt: "desc" }, select: { id: true } }) : null;
  return {
    course: { slug: lesson.course.slug, title: lesson.course.title, editable: lesson.course.source === "AUTHORED" },
    lesson: { slug: lesson.slug, title: lesson.currentRevision?.title ?? lesson.revisions[0]?.title ?? lesson.slug },
    slug: exercise.slug,
    state: exercise.state,
    contentPath: lesson.course.source === "BUILT_IN" ? `content/${lesson.course.slug}/${lesson.slug}/exercises/${exercise.slug}/` : null,
    hasDraft: newest !== undefined && newest.id !== exercise.currentRevisionId,
    newestRevisionId: newest?.id ?? null,
    draft,
    revisions: exercise.revisions.map((r) => ({
      id: r.id,
      number: r.number,
      title: exerciseSpecSchema.safeParse(r.spec).data?.title ?? "",
      authorEmail: r.author?.email ?? null,
      createdAt: r.createdAt.toISOString(),
      published: r.id === exercise.currentRevisionId,
    })),
    lastRun: lastRun ? await provingRunView(ctx, lastRun.id) : null,
  };
}

/** Stores the editor's draft as a new revision (nothing is written when it equals the newest one). */
export async function saveExerciseDraft(ctx: Ctx, slug: string, input: unknown): Promise<{ number: number; revisionId: string }> {
  const draft = savedDraftSchema.parse(input);
  if (draft.spec.slug !== slug) throw new AppError("invalid_input", `The spec's slug must stay "${slug}".`, { details: { fields: { "spec.slug": `must stay "${slug}"` } } });
  return ctx.db.$transaction(async (tx) => {
    const exercise = await editableExercise(tx, ctx.actor, slug);
    const newest = await newestRevision(tx, exercise.id);
    if (newest?.contentHash === hashOf(draft)) return { number: newest.number, revisionId: newest.id };
    const revision = await appendRevision(tx, exercise, draft, newest);
    return { number: revision.number, revisionId: revision.id };
  });
}

/** The publishing gate: a proving run of the newest revision (see proving-runs.ts). */
export async function proveExercise(ctx: Ctx, slug: string, dispatcher: Pick<Dispatcher, "dispatch">): Promise<{ runId: string }> {
  const newest = await ctx.db.$transaction(async (tx) => {
    const exercise = await editableExercise(tx, ctx.actor, slug);
    const revision = await newestRevision(tx, exercise.id);
    if (!revision) throw new AppError("conflict", "Save the exercise before proving it.");
    return revision;
  });
  return startProvingRun(ctx, newest.id, { purpose: "PUBLISH", dispatcher });
}

export const publishExerciseSchema = z.object({ runId: z.string().min(1).max(100) }).strict();

/**
 * Learners get the newest revision, only if the given run proved it: every case graded and judged right. Refuses
 * with the run's first problem ("mistake case 'no-user' passed user-non-root; it must fail").
 */
export async function publishExercise(ctx: Ctx, slug: string, input: unknown): Promise<{ number: number }> {
  const { runId } = publishExerciseSchema.parse(input);
  const run = await provingRunView(ctx, runId);
  const { number, courseSlug } = await ctx.db.$transaction(async (tx) => {
    const exercise = await editableExercise(tx, ctx.actor, slug);
    const newest = await newestRevision(tx, exercise.id);
    if (!newest || run.exerciseSlug !== slug || run.purpose !== "PUBLISH") throw new AppError("not_found", "No such proving run for this exercise.");
    if (run.revisionId !== newest.id) throw new AppError("conflict", `This run proved revision ${run.revisionNumber}; the exercise has changed since (revision ${newest.number}). Prove it again.`);
    if (run.outcome === "running") throw new AppError("conflict", "The proving run is still grading; publish once every case is judged.");
    if (run.outcome === "failed") throw new AppError("conflict", `Not published: ${run.problems[0] ?? "the proving run failed"}.`, { details: { problems: run.problems } });
    const spec = exerciseSpecSchema.parse(newest.spec);
    await tx.exercise.update({
      where: { id: exercise.id },
      data: {
        title: spec.title,
        spec: newest.spec ?? {},
        starter: newest.starter ?? {},
        solution: newest.solution ?? {},
        mistakes: newest.mistakes ?? {},
        expected: newest.expected ?? {},
        contentHash: newest.contentHash,
        currentRevisionId: newest.id,
        state: "PUBLISHED",
      },
    });
    await recordAudit(tx, exercise.actor, {
      action: "exercise.publish",
      subject: `exercise:${exercise.id}`,
      detail: { exercise: slug, from: exercise.currentRevision?.number ?? null, to: newest.number, provingRun: runId },
    });
    return { number: newest.number, courseSlug: exercise.lesson.course.slug };
  });
  revalidateReadingPages([courseSlug]);
  return { number };
}
