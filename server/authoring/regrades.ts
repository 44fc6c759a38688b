import "server-only";
// Regrading learners' latest submissions of an exercise after its spec or the grader changed. Each learner's latest
// judged submission (passed or failed: a not-gradable one has no verdict to compare) is graded again as a new
// REGRADE grading at LOW priority, owned by nobody and pointing at the original. The original keeps its verdict, so
// the learner's attempts, history and progress stay what they were; the report sets each new verdict beside its
// original: which changed, and which checks flipped.
import { z } from "zod";
import { verdictSchema, type Verdict } from "@/grader/contract";
import type { FlippedCheck, RegradeExerciseRow, RegradeReport, RegradeRow, RegradeSummary } from "@/lib/api/answers";
import { isFinished } from "@/lib/grading/submission-status";
import { requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import type { Dispatcher } from "@/server/grader-link/dispatcher";
import { asJson } from "@/server/json-value";
import { submittedEvent } from "@/server/submissions/submission-store";
import { recordAudit } from "./audit";

const judgedAttempts = (exerciseId: string) => ({ exerciseId, kind: "ATTEMPT" as const, status: { in: ["PASSED" as const, "FAILED" as const] } });

/**
 * Stores a regrade of the exercise and its gradings, then hands them to the dispatcher, which runs them behind any
 * learner's grading. A regrade of the exercise still under way is returned instead of a second one.
 */
export async function startRegrade(ctx: Ctx, exerciseSlug: string, dispatcher: Dispatcher): Promise<{ id: string; gradings: number }> {
  const actor = requirePermission(ctx.actor, "content:author");
  const started = await ctx.db.$transaction(async (tx) => {
    const exercise = await tx.exercise.findUnique({ where: { slug: exerciseSlug }, select: { id: true, contentHash: true } });
    if (!exercise) throw new AppError("not_found", "No such exercise.");
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`regrade:${exercise.id}`}))`;
    const running = await tx.regrade.findFirst({
      where: { exerciseId: exercise.id, gradings: { some: { status: { in: ["QUEUED", "RUNNING"] } } } },
      select: { id: true, _count: { select: { gradings: true } } },
    });
    if (running) return { id: running.id, gradings: running._count.gradings };
    // Each learner's latest judged attempt.
    const originals = await tx.submission.findMany({ where: judgedAttempts(exercise.id), orderBy: { createdAt: "desc" }, distinct: ["userId"], select: { id: true, files: true } });
    if (!originals.length) throw new AppError("conflict", "No learner has a judged submission of this exercise yet: there is nothing to regrade.");
    const regrade = await tx.regrade.create({ data: { exerciseId: exercise.id, requestedById: actor.id, exerciseVersion: exercise.contentHash }, select: { id: true } });
    for (const original of originals) {
      await tx.submission.create({
        data: {
          kind: "REGRADE",
          priority: "LOW",
          exerciseId: exercise.id,
          regradeId: regrade.id,
          regradeOfId: original.id,
          files: asJson(original.files),
          events: submittedEvent,
        },
      });
    }
    await recordAudit(tx, actor, { action: "exercise.regrade", subject: `exercise:${exercise.id}`, detail: { exercise: exerciseSlug, version: exercise.contentHash, gradings: originals.length } });
    return { id: regrade.id, gradings: originals.length };
  });
  void dispatcher.dispatchWaiting();
  return started;
}

export const regradeRequestSchema = z.object({ exercise: z.string().min(1).max(200) }).strict();

/** The route's door: `{ exercise }` (its slug). */
export async function startRegradeRequest(ctx: Ctx, input: unknown, dispatcher: Dispatcher): Promise<{ id: string; gradings: number }> {
  return startRegrade(ctx, regradeRequestSchema.parse(input).exercise, dispatcher);
}

function verdictOf(value: unknown): Verdict | null {
  const parsed = value === null ? null : verdictSchema.safeParse(value);
  return parsed?.success ? parsed.data : null;
}

/** Checks whose status differs, in the new verdict's order, then checks the new verdict no longer has. */
export function flippedChecks(before: Verdict | null, after: Verdict | null): FlippedCheck[] {
  const old = new Map((before?.checks ?? []).map((c) => [c.id, c]));
  const now = new Map((after?.checks ?? []).map((c) => [c.id, c]));
  const flipped: FlippedCheck[] = [];
  for (const [id, check] of now) {
    const was = old.get(id);
    if (was?.status !== check.status) flipped.push({ id, title: check.title, before: was?.status ?? null, after: check.status });
  }
  for (const [id, check] of old) if (!now.has(id)) flipped.push({ id, title: check.title, before: check.status, after: null });
  return flipped;
}

export async function regradeReport({ db, actor }: Ctx, regradeId: string): Promise<RegradeReport> {
  requirePermission(actor, "content:author");
  const regrade = await db.regrade.findUnique({
    where: { id: regradeId },
    select: {
      id: true,
      createdAt: true,
      requestedBy: { select: { email: true } },
      exercise: { select: { slug: true, title: true } },
      gradings: {
        orderBy: { createdAt: "asc" },
        select: { id: true, status: true, verdict: true, regradeOf: { select: { id: true, status: true, verdict: true, user: { select: { email: true, name: true } } } } },
      },
    },
  });
  if (!regrade) throw new AppError("not_found", "No such regrade.");
  const rows: RegradeRow[] = regrade.gradings.flatMap((grading) => {
    const original = grading.regradeOf;
    if (!original) return [];
    const done = isFinished(grading.status);
    const flipped = done ? flippedChecks(verdictOf(original.verdict), verdictOf(grading.verdict)) : [];
    return [
      {
        learner: original.user?.name ? `${original.user.name} <${original.user.email}>` : (original.user?.email ?? "deleted learner"),
        originalId: original.id,
        gradingId: grading.id,
        before: original.status,
        after: grading.status,
        // A check the new spec adds or drops is listed, but alone it changes no verdict.
        changed: done && (grading.status !== original.status || flipped.some((c) => c.before !== null && c.after !== null)),
        flipped,
      },
    ];
  });
  return {
    id: regrade.id,
    exercise: regrade.exercise,
    requestedBy: regrade.requestedBy?.email ?? null,
    createdAt: regrade.createdAt.toISOString(),
    total: rows.length,
    finished: rows.filter((r) => isFinished(r.after)).length,
    rows: [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)],
  };
}

/** Every exercise with its count of learners to regrade and its latest regrades, for the regrades page. */
export async function regradeOverview(ctx: Ctx): Promise<RegradeExerciseRow[]> {
  requirePermission(ctx.actor, "content:author");
  const exercises = await ctx.db.exercise.findMany({
    orderBy: [{ lesson: { course: { position: "asc" } } }, { lesson: { position: "asc" } }, { position: "asc" }],
    select: { id: true, slug: true, title: true, state: true, lesson: { select: { course: { select: { title: true } } } }, regrades: { orderBy: { createdAt: "desc" }, take: 5, select: { id: true } } },
  });
  return Promise.all(
    exercises.map(async (exercise) => ({
      slug: exercise.slug,
      title: exercise.title,
      course: exercise.lesson.course.title,
      learners: (await ctx.db.submission.findMany({ where: judgedAttempts(exercise.id), distinct: ["userId"], select: { userId: true } })).length,
      regrades: await Promise.all(exercise.regrades.map(async (r) => summaryOf(await regradeReport(ctx, r.id)))),
      regressionRun: exercise.state !== "DRAFT",
    })),
  );
}

function summaryOf(report: RegradeReport): RegradeSummary {
  return { id: report.id, createdAt: report.createdAt, requestedBy: report.requestedBy, total: report.total, finished: report.finished, changed: report.rows.filter((r) => r.changed).length };
}
