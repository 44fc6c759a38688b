import "server-only";
// One member seen from their cohort's page: every attempt with its verdict, the opened one with its files and
// events (replayed by the learner's own live view, read-only), quiz attempts with answers, and a timeline of it all.
// Only for the cohort's manager (or an admin), and only while the person is a member.
import type { StreamedEvent } from "@/lib/grading/submission-events";
import type { SubmissionView } from "@/lib/api/answers";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { viewSubmission } from "@/server/grading/use-cases";
import { eventsAfter } from "@/server/submissions/submission-store";
import { managedCohort } from "./cohorts";

export interface TimelineEntry {
  at: string;
  kind: "joined" | "attempt" | "quiz" | "progress";
  text: string;
}

export async function cohortLearner(ctx: Ctx, cohortId: string, userId: string, openAttemptId: string | null) {
  const cohort = await managedCohort(ctx, cohortId);
  const member = await ctx.db.cohortMember.findUnique({ where: { cohortId_userId: { cohortId, userId } }, select: { joinedAt: true, user: { select: { id: true, email: true, name: true } } } });
  if (!member) throw new AppError("not_found", "No such learner in this cohort.");
  const [attempts, quizAttempts, marks] = await Promise.all([
    ctx.db.submission.findMany({
      where: { userId, kind: "ATTEMPT" },
      orderBy: { createdAt: "desc" },
      select: { id: true, status: true, score: true, imageSizeBytes: true, createdAt: true, exercise: { select: { slug: true, title: true } } },
    }),
    ctx.db.quizAttempt.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { id: true, score: true, correct: true, total: true, answers: true, createdAt: true, lesson: { select: { slug: true, currentRevision: { select: { title: true } } } } },
    }),
    ctx.db.progressMark.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 200, select: { kind: true, key: true, createdAt: true, lesson: { select: { slug: true } } } }),
  ]);
  let opened: { view: SubmissionView; events: StreamedEvent[] } | null = null;
  if (openAttemptId && attempts.some((a) => a.id === openAttemptId)) {
    // viewSubmission asks authz again (the instructor may see this person's submissions while they are a member).
    opened = { view: await viewSubmission(ctx, openAttemptId), events: await eventsAfter(ctx, openAttemptId, 0) };
  }
  const timeline: TimelineEntry[] = [
    { at: member.joinedAt.toISOString(), kind: "joined" as const, text: `Joined ${cohort.name}` },
    ...attempts.map((a) => ({ at: a.createdAt.toISOString(), kind: "attempt" as const, text: `${a.exercise.title}: ${a.status.toLowerCase().replace("_", " ")}${a.score === null ? "" : ` (${Math.round(a.score * 100)}%)`}` })),
    ...quizAttempts.map((q) => ({ at: q.createdAt.toISOString(), kind: "quiz" as const, text: `Quick test of ${q.lesson.currentRevision?.title ?? q.lesson.slug}: ${q.correct}/${q.total}` })),
    ...marks.map((m) => ({ at: m.createdAt.toISOString(), kind: "progress" as const, text: `${m.kind === "SECTION_READ" ? "Read" : "Ticked"} ${m.key} in ${m.lesson.slug}` })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return {
    cohort: { id: cohort.id, name: cohort.name },
    learner: { ...member.user, joinedAt: member.joinedAt.toISOString() },
    attempts: attempts.map((a) => ({ id: a.id, status: a.status, score: a.score, imageSizeBytes: a.imageSizeBytes === null ? null : Number(a.imageSizeBytes), createdAt: a.createdAt.toISOString(), exercise: a.exercise })),
    quizAttempts: quizAttempts.map((q) => ({ id: q.id, lesson: q.lesson.currentRevision?.title ?? q.lesson.slug, score: q.score, correct: q.correct, total: q.total, answers: q.answers, createdAt: q.createdAt.toISOString() })),
    opened,
    timeline,
  };
}
