import "server-only";
// The proving run (issue 16): an exercise revision's reference solution graded twice, its starter and each mistake
// case, every one a real grading (kind PROVING, at LOW priority so learners' gradings go first) through the same
// dispatcher as a learner's: claimed with a lease, retried, ended "not gradable" when the grader cannot judge it, and
// taken up again after a restart. It is the gate before publishing (purpose PUBLISH) and the regression run after a
// spec or grader change (purpose REGRESSION) — `startProvingRun` serves both. Its outcome is read from its gradings
// each time (`provingRunView`), never stored apart, so nothing can say "passed" that its gradings do not.
import { verdictSchema } from "@/grader/contract";
import { expectedSchema } from "@/grader/contract/exercise-cases";
import type { ProvingCaseView, ProvingRunView } from "@/lib/api/answers";
import { isFinished } from "@/lib/grading/submission-status";
import type { ProvingPurpose } from "@/generated/prisma/client";
import { requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import type { Dispatcher } from "@/server/grader-link/dispatcher";
import { asJson } from "@/server/json-value";
import { submittedEvent } from "@/server/submissions/submission-store";
import { fileMapOf, mistakesOf } from "./exercise-files";
import { caseProblem, provingCases } from "./proving-cases";

export interface ProvingRunOptions {
  purpose: ProvingPurpose;
  /** The web's dispatcher (server/grading/grading-service), or a test's. */
  dispatcher: Pick<Dispatcher, "dispatch">;
}

/**
 * Starts a proving run of the exercise revision and returns its id at once; its gradings run in the background. A
 * run of the same revision and purpose still under way is returned instead of a second one (a double click, two tabs).
 */
export async function startProvingRun(ctx: Ctx, revisionId: string, { purpose, dispatcher }: ProvingRunOptions): Promise<{ runId: string }> {
  const actor = requirePermission(ctx.actor, "content:author");
  const { runId, gradingIds } = await ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`proving:${revisionId}:${purpose}`}))`;
    const revision = await tx.exerciseRevision.findUnique({ where: { id: revisionId } });
    if (!revision) throw new AppError("not_found", "No such exercise revision.");
    const running = await tx.provingRun.findFirst({
      where: { revisionId, purpose, gradings: { some: { status: { in: ["QUEUED", "RUNNING"] } } } },
      select: { id: true },
    });
    if (running) return { runId: running.id, gradingIds: [] };
    const cases = provingCases({
      solution: fileMapOf(revision.solution, "solution"),
      starter: fileMapOf(revision.starter, "starter"),
      mistakes: mistakesOf(revision.mistakes),
      expected: expectedSchema.parse(revision.expected),
    });
    const run = await tx.provingRun.create({ data: { exerciseId: revision.exerciseId, revisionId, purpose, startedById: actor.id }, select: { id: true } });
    const ids: string[] = [];
    for (const provingCase of cases) {
      const grading = await tx.submission.create({
        data: {
          kind: "PROVING",
          priority: "LOW",
          exerciseId: revision.exerciseId,
          exerciseVersion: revision.contentHash,
          revisionId,
          provingRunId: run.id,
          provingCase: provingCase.key,
          files: asJson(provingCase.files),
          events: submittedEvent,
        },
        select: { id: true },
      });
      ids.push(grading.id);
    }
    return { runId: run.id, gradingIds: ids };
  });
  for (const id of gradingIds) void dispatcher.dispatch(id);
  return { runId };
}

/** The run as the proving view shows it: each case's grading and state, and the run's outcome with every problem. */
export async function provingRunView(ctx: Ctx, runId: string): Promise<ProvingRunView> {
  requirePermission(ctx.actor, "content:author");
  const run = await ctx.db.provingRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      purpose: true,
      createdAt: true,
      exercise: { select: { slug: true } },
      revision: { select: { id: true, number: true, solution: true, starter: true, mistakes: true, expected: true } },
      gradings: { select: { id: true, provingCase: true, status: true, verdict: true } },
    },
  });
  if (!run) throw new AppError("not_found", "No such proving run.");
  const cases = provingCases({
    solution: fileMapOf(run.revision.solution, "solution"),
    starter: fileMapOf(run.revision.starter, "starter"),
    mistakes: mistakesOf(run.revision.mistakes),
    expected: expectedSchema.parse(run.revision.expected),
  });
  const views: ProvingCaseView[] = cases.map((provingCase) => {
    const grading = run.gradings.find((g) => g.provingCase === provingCase.key);
    const verdict = grading?.verdict == null ? null : verdictSchema.safeParse(grading.verdict);
    const finished = grading ? isFinished(grading.status) : true;
    const problem = !grading
      ? `${provingCase.label} was never graded`
      : finished && verdict?.success
        ? caseProblem(provingCase, verdict.data)
        : finished
          ? `${provingCase.label} ended without a verdict`
          : null;
    return {
      key: provingCase.key,
      label: provingCase.label,
      submissionId: grading?.id ?? null,
      status: grading?.status ?? "NOT_GRADABLE",
      mustFail: provingCase.outcome.failing,
      mustPass: provingCase.outcome.status === "pass",
      problem,
    };
  });
  const problems = views.flatMap((v) => (v.problem ? [v.problem] : []));
  const finished = views.every((v) => isFinished(v.status));
  return {
    id: run.id,
    exerciseSlug: run.exercise.slug,
    purpose: run.purpose,
    revisionId: run.revision.id,
    revisionNumber: run.revision.number,
    createdAt: run.createdAt.toISOString(),
    outcome: problems.length ? "failed" : finished ? "passed" : "running",
    problems,
    cases: views,
  };
}

/**
 * The regression run of an exercise as learners have it now (after a spec or grader change): its published revision,
 * or for an exercise without one (built-in from content/, imported) a revision recorded from its row, by nobody, and
 * made current — once per version of the row, so a re-synced exercise is recorded again.
 */
export async function startRegressionRun(ctx: Ctx, exerciseSlug: string, dispatcher: ProvingRunOptions["dispatcher"]): Promise<{ runId: string }> {
  requirePermission(ctx.actor, "content:author");
  const revisionId = await ctx.db.$transaction(async (tx) => {
    const exercise = await tx.exercise.findUnique({
      where: { slug: exerciseSlug },
      select: { id: true, state: true, spec: true, starter: true, solution: true, mistakes: true, expected: true, contentHash: true, currentRevision: { select: { id: true, contentHash: true } } },
    });
    if (!exercise) throw new AppError("not_found", "No such exercise.");
    if (exercise.state === "DRAFT") throw new AppError("conflict", "This exercise was never published: prove and publish it from its editor.");
    if (exercise.currentRevision?.contentHash === exercise.contentHash) return exercise.currentRevision.id;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`exercise-revision:${exercise.id}`}))`;
    const newest = await tx.exerciseRevision.findFirst({ where: { exerciseId: exercise.id }, orderBy: { number: "desc" }, select: { number: true } });
    const { id, spec, starter, solution, mistakes, expected, contentHash } = exercise;
    const recorded = await tx.exerciseRevision.create({
      data: { exerciseId: id, number: (newest?.number ?? 0) + 1, spec: spec ?? {}, starter: starter ?? {}, solution: solution ?? {}, mistakes: mistakes ?? {}, expected: expected ?? { solution: { status: "pass" } }, contentHash },
      select: { id: true },
    });
    await tx.exercise.update({ where: { id }, data: { currentRevisionId: recorded.id } });
    return recorded.id;
  });
  return startProvingRun(ctx, revisionId, { purpose: "REGRESSION", dispatcher });
}
