import "server-only";
// Sends stored submissions to the grader and stores what comes back, until a verdict is stored. Nothing is left
// running: a busy grader is retried after its Retry-After, an unreachable one with backoff, a stream that
// breaks mid-grading is re-dispatched (at most `maxDispatches` times in a submission's life, web restarts
// included), and when all that fails the submission ends "not gradable" with a verdict saying why.
// Several web instances may share one database: each claims a submission before dispatching it and renews the
// claim while it grades, so two never grade the same one; a claim that lapses (its instance died) is taken over.
import type { PrismaClient } from "@/generated/prisma/client";
import { exerciseSpecSchema, fileMapSchema, type GradingRequest } from "@/grader/contract";
import { isFinished, notGradableVerdict, statusOfVerdict, type SubmissionEvent } from "@/lib/grading/submission-events";
import type { EventHub } from "./event-hub";
import {
  GraderBusyError,
  GraderRejectedError,
  GraderStreamError,
  GraderUnreachableError,
  openGrading,
  type GraderEndpoint,
} from "./grader-client";
import { appendEvent, finishWithVerdict, nextSeq } from "./submission-store";

export interface DispatcherOptions {
  prisma: PrismaClient;
  grader: GraderEndpoint;
  hub: EventHub;
  /** Times one submission may be sent to the grader, re-dispatches after crashes included. */
  maxDispatches: number;
  /** How long a submission may wait for a busy or unreachable grader before it ends "not gradable". */
  maxWaitMs: number;
  /** Delay before the n-th consecutive retry of an unreachable grader. */
  reconnectDelayMs: (attempt: number) => number;
  log: (message: string, fields?: Record<string, unknown>) => void;
  /** This web instance's name on the submissions it claims (WEB_INSTANCE_ID). */
  instanceId: string;
  /** How long a claim holds unless renewed; renewed every third of it while the grading runs. */
  leaseMs: number;
}

export const defaultReconnectDelay = (attempt: number) => Math.min(5_000, 250 * 2 ** attempt);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

export class Dispatcher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopper = new AbortController();
  private takeover: NodeJS.Timeout | undefined;

  constructor(private readonly options: DispatcherOptions) {}

  /**
   * Grades a stored submission in the background, once this instance holds its claim; a second call while it
   * runs joins the first. A submission another live instance has claimed is left to it.
   */
  dispatch(submissionId: string, resumeReason = "the previous grading was interrupted"): Promise<void> {
    const running = this.inFlight.get(submissionId);
    if (running) return running;
    const work = this.claimAndRun(submissionId, resumeReason)
      .catch((error: unknown) => this.options.log("grading dispatch failed; it is picked up again when its claim lapses", { submissionId, error: String(error) }))
      .finally(() => this.inFlight.delete(submissionId));
    this.inFlight.set(submissionId, work);
    return work;
  }

  /**
   * Every submission still queued or running that no live instance holds was interrupted (a crash or restart of
   * the web, this one included): send it again or end it. Returns the ids taken up.
   */
  async recoverInterrupted(): Promise<string[]> {
    const stale = await this.options.prisma.submission.findMany({
      where: { status: { in: ["QUEUED", "RUNNING"] }, OR: this.claimable(new Date()) },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    const ids = stale.map((s) => s.id).filter((id) => !this.inFlight.has(id));
    for (const id of ids) void this.dispatch(id, "the web restarted while it was being graded");
    if (ids.length) this.options.log("re-dispatching interrupted submissions", { count: ids.length });
    return ids;
  }

  /** Looks for lapsed claims every lease period, so a dead instance's gradings move to a live one. */
  startTakeover(): void {
    this.takeover ??= setInterval(() => void this.recoverInterrupted().catch((error: unknown) => this.options.log("takeover sweep failed", { error: String(error) })), this.options.leaseMs);
    this.takeover.unref();
  }

  /** Resolves when nothing is being dispatched. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight.values()]);
  }

  /**
   * Stops dispatching without ending anything, as a crash would: what was in flight stays claimed, so this
   * instance's restart takes it up at once and another instance once the claim lapses.
   */
  async stop(): Promise<void> {
    clearInterval(this.takeover);
    this.stopper.abort();
    await this.idle();
  }

  private claimable(now: Date) {
    return [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }, { leaseOwner: this.options.instanceId }];
  }

  /** Takes the claim; false when the submission ended or another live instance holds it. */
  private async claim(submissionId: string): Promise<boolean> {
    const now = new Date();
    const { count } = await this.options.prisma.submission.updateMany({
      where: { id: submissionId, status: { in: ["QUEUED", "RUNNING"] }, OR: this.claimable(now) },
      data: { leaseOwner: this.options.instanceId, leaseExpiresAt: new Date(now.getTime() + this.options.leaseMs) },
    });
    return count === 1;
  }

  /** Extends the claim this instance holds; false only when another instance has taken the submission over. */
  private async renew(submissionId: string): Promise<boolean> {
    const { count } = await this.options.prisma.submission.updateMany({
      where: { id: submissionId, leaseOwner: this.options.instanceId },
      data: { leaseExpiresAt: new Date(Date.now() + this.options.leaseMs) },
    });
    return count === 1;
  }

  private async claimAndRun(submissionId: string, resumeReason: string): Promise<void> {
    if (!(await this.claim(submissionId))) return;
    const lost = new AbortController();
    const renew = setInterval(() => {
      void this.renew(submissionId).then(
        (held) => {
          if (held) return;
          this.options.log("another web instance took this submission over; stopping here", { submissionId });
          lost.abort();
        },
        // A database hiccup: the next renewal tries again, well before the claim lapses.
        () => undefined,
      );
    }, this.options.leaseMs / 3);
    try {
      await this.run(submissionId, resumeReason, AbortSignal.any([this.stopper.signal, lost.signal]));
    } finally {
      clearInterval(renew);
      if (!this.stopper.signal.aborted) {
        await this.options.prisma.submission.updateMany({ where: { id: submissionId, leaseOwner: this.options.instanceId }, data: { leaseOwner: null, leaseExpiresAt: null } });
      }
    }
  }

  private async run(submissionId: string, resumeReason: string, signal: AbortSignal): Promise<void> {
    const { prisma, hub, grader, maxDispatches, maxWaitMs, reconnectDelayMs } = this.options;
    const submission = await prisma.submission.findUnique({
      where: { id: submissionId },
      select: { status: true, dispatches: true, files: true, exercise: { select: { slug: true, spec: true, starter: true } } },
    });
    if (!submission || isFinished(submission.status)) return;

    let seq = await nextSeq(prisma, submissionId);
    const emit = async (event: SubmissionEvent) => hub.publish(submissionId, await appendEvent(prisma, submissionId, seq++, event));
    const endNotGradable = async (message: string) => {
      const verdict = notGradableVerdict(submission.exercise.slug, message);
      hub.publish(submissionId, await finishWithVerdict(prisma, submissionId, seq++, verdict, "NOT_GRADABLE"));
      this.options.log("submission ended not gradable", { submissionId, message });
    };

    const spec = exerciseSpecSchema.safeParse(submission.exercise.spec);
    const files = fileMapSchema.safeParse(submission.files);
    if (!spec.success || !files.success) {
      return endNotGradable("This exercise's stored definition is invalid, so it cannot be graded. The course authors have to fix it; this does not count as an attempt.");
    }
    const starter = fileMapSchema.safeParse(submission.exercise.starter);
    const request: GradingRequest = {
      spec: spec.data,
      files: files.data,
      ...(spec.data.checks.some((c) => c.id === "image-size-smaller") && starter.success ? { baselineFiles: starter.data } : {}),
      submissionId,
    };

    let dispatches = submission.dispatches;
    let running = submission.status === "RUNNING";
    let restartReason = dispatches > 0 ? resumeReason : "";
    let waitingSince: number | null = null;
    let retries = 0;

    while (!signal.aborted) {
      if (dispatches >= maxDispatches) {
        return endNotGradable(
          `The grading was started ${dispatches} times and never finished (${restartReason}). This does not count as an attempt; please grade again.`,
        );
      }
      try {
        const grading = await openGrading(grader, request, signal);
        waitingSince = null;
        retries = 0;
        dispatches++;
        await prisma.submission.update({ where: { id: submissionId }, data: { dispatches } });
        if (dispatches > 1) await emit({ type: "restart", dispatch: dispatches, reason: restartReason });
        for await (const event of grading.events) {
          if (event.type === "verdict") {
            hub.publish(submissionId, await finishWithVerdict(prisma, submissionId, seq++, event.verdict, statusOfVerdict(event.verdict)));
            return;
          }
          if (event.type === "step" && !running) {
            running = true;
            await prisma.submission.update({ where: { id: submissionId }, data: { status: "RUNNING", startedAt: new Date() } });
          }
          await emit(event);
        }
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof GraderRejectedError) {
          return endNotGradable(`The grader refused this submission: ${error.reason}`);
        }
        if (error instanceof GraderStreamError) {
          restartReason = error.message;
          await emit({ type: "notice", level: "warn", text: `Lost the grader mid-grading (${error.message}); starting over.` });
          continue;
        }
        if (error instanceof GraderBusyError || error instanceof GraderUnreachableError) {
          waitingSince ??= Date.now();
          if (Date.now() - waitingSince > maxWaitMs) {
            return endNotGradable(
              error instanceof GraderBusyError
                ? "The grader stayed full for too long. This does not count as an attempt; please grade again in a few minutes."
                : "The grader could not be reached. This does not count as an attempt; please grade again in a few minutes.",
            );
          }
          const delay = error instanceof GraderBusyError ? error.retryAfterMs : reconnectDelayMs(retries);
          if (retries === 0) {
            await emit({
              type: "notice",
              level: error instanceof GraderBusyError ? "info" : "warn",
              text: error instanceof GraderBusyError ? "Every grading slot is taken; yours waits for the next one." : "The grader is not answering; retrying.",
            });
          }
          retries++;
          await sleep(delay, signal);
          continue;
        }
        throw error;
      }
    }
  }
}
