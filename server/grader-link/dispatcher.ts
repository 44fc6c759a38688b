import "server-only";
// Sends stored submissions to the grader and stores what comes back, until a verdict is stored. Nothing is left
// running: a busy grader is retried after its Retry-After, an unreachable one with backoff, a stream that
// breaks mid-grading is re-dispatched (at most `maxDispatches` times in a submission's life, web restarts
// included), and when all that fails the submission ends "not gradable" with a verdict saying why.
// Several web instances may share one database: each claims a submission before dispatching it and renews the
// claim while it grades, so two never grade the same one; a claim that lapses (its instance died) is taken over.
// Learners' gradings go first: an admin's LOW work is claimed only while no learner's grading waits, and holds at
// most `lowPrioritySlots` of the grader's slots (server/submissions/grading-claims.ts), so the rest stay free for
// learners who arrive while a big regrade runs. LOW work left waiting is taken up when a LOW grading ends here and
// by the takeover sweep.
import { exerciseSpecSchema, fileMapSchema, type GradingEvent, type GradingRequest, type Verdict } from "@/grader/contract";
import { showsStandIns } from "@/lib/grading/storable";
import { notGradableVerdict, type SubmissionEvent } from "@/lib/grading/submission-events";
import { isFinished, statusOfVerdict } from "@/lib/grading/submission-status";
import type { GradingPriority } from "@/generated/prisma/client";
import type { DbContext } from "@/server/context";
import type { EventHub } from "@/server/submissions/event-hub";
import {
  GraderBusyError,
  GraderRejectedError,
  GraderStreamError,
  GraderUnreachableError,
  openGrading,
  type GraderEndpoint,
} from "./grader-client";
import { claimGrading, gradingToDispatch, markRunning, recordDispatch, releaseClaim, renewClaim, unclaimedGradings } from "@/server/submissions/grading-claims";
import { appendEvent, finishWithVerdict, nextSeq } from "@/server/submissions/submission-store";
import { notices } from "./notices";
import { decide, tooManyDispatches, type Failure, type RetryState } from "./retry-policy";

export interface DispatcherOptions extends DbContext {
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
  /** LOW gradings held at once by all instances together (GRADING_LOW_PRIORITY_SLOTS); below the grader's slots. */
  lowPrioritySlots: number;
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
  private readonly inFlight = new Map<string, { claimed: Promise<GradingPriority | null>; done: Promise<void> }>();
  private readonly stopper = new AbortController();
  private takeover: NodeJS.Timeout | undefined;
  /** Look-ups for waiting LOW work started when a LOW grading ended (idle() waits for them too). */
  private readonly sweeps = new Set<Promise<void>>();

  constructor(private readonly options: DispatcherOptions) {}

  /**
   * Grades a stored submission in the background, once this instance holds its claim; a second call while it
   * runs joins the first. A submission another live instance has claimed is left to it.
   */
  dispatch(submissionId: string, resumeReason = "the previous grading was interrupted"): Promise<void> {
    return this.begin(submissionId, resumeReason).done;
  }

  private begin(submissionId: string, resumeReason: string) {
    const running = this.inFlight.get(submissionId);
    if (running) return running;
    const { instanceId, leaseMs, lowPrioritySlots } = this.options;
    const claimed = claimGrading(this.options, submissionId, instanceId, leaseMs, lowPrioritySlots);
    const done = claimed
      .then((priority) => (priority ? this.runClaimed(submissionId, priority, resumeReason) : undefined))
      .catch((error: unknown) => this.options.log("grading dispatch failed; it is picked up again when its claim lapses", { submissionId, error: String(error) }))
      .finally(() => this.inFlight.delete(submissionId));
    const entry = { claimed: claimed.catch(() => null), done };
    this.inFlight.set(submissionId, entry);
    return entry;
  }

  /**
   * Takes up every grading no live instance holds: learners' that a crash or restart of the web interrupted (this
   * one included) and waiting LOW work, as far as its share of slots allows (only as many as that share is tried,
   * since no more could be claimed). Returns the ids taken up, learners' first.
   */
  async recoverInterrupted(): Promise<string[]> {
    const waiting = (await unclaimedGradings(this.options, this.options.instanceId)).filter(({ id }) => !this.inFlight.has(id));
    const high = waiting.filter((g) => g.priority === "HIGH").map((g) => g.id);
    const low = waiting.filter((g) => g.priority === "LOW").map((g) => g.id).slice(0, this.options.lowPrioritySlots);
    for (const id of high) void this.dispatch(id, "the web restarted while it was being graded");
    if (high.length) this.options.log("re-dispatching interrupted submissions", { count: high.length });
    const taken: string[] = [];
    // One after another: each claim counts the share the previous one took.
    for (const id of low) if (await this.begin(id, "the previous grading was interrupted").claimed) taken.push(id);
    return [...high, ...taken];
  }

  /** Looks for lapsed claims every lease period, so a dead instance's gradings move to a live one. */
  startTakeover(): void {
    this.takeover ??= setInterval(() => void this.dispatchWaiting(), this.options.leaseMs);
    this.takeover.unref();
  }

  /** Resolves when nothing is being dispatched. */
  async idle(): Promise<void> {
    while (this.inFlight.size || this.sweeps.size) await Promise.all([...[...this.inFlight.values()].map((w) => w.done), ...this.sweeps]);
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

  private async runClaimed(submissionId: string, priority: GradingPriority, resumeReason: string): Promise<void> {
    const { instanceId, leaseMs } = this.options;
    const lost = new AbortController();
    const renew = setInterval(() => {
      void renewClaim(this.options, submissionId, instanceId, leaseMs).then(
        (held) => {
          if (held) return;
          this.options.log("another web instance took this submission over; stopping here", { submissionId });
          lost.abort();
        },
        // A database hiccup: the next renewal tries again, well before the claim lapses.
        () => undefined,
      );
    }, leaseMs / 3);
    try {
      await this.run(submissionId, resumeReason, AbortSignal.any([this.stopper.signal, lost.signal]));
    } finally {
      clearInterval(renew);
      if (!this.stopper.signal.aborted) await releaseClaim(this.options, submissionId, instanceId);
    }
    // Its slot is free: the next waiting LOW grading may take it, once this one has left the in-flight set.
    if (priority === "LOW" && !this.stopper.signal.aborted) {
      const sweep = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.dispatchWaiting()).finally(() => this.sweeps.delete(sweep));
      this.sweeps.add(sweep);
    }
  }

  /** Takes up waiting work now, as the sweep would: after storing LOW gradings, or when a LOW slot came free. */
  async dispatchWaiting(): Promise<void> {
    await this.recoverInterrupted().catch((error: unknown) => this.options.log("taking up waiting gradings failed", { error: String(error) }));
  }

  private async run(submissionId: string, resumeReason: string, signal: AbortSignal): Promise<void> {
    const { options: ctx } = this;
    const { hub, grader, maxDispatches, maxWaitMs, reconnectDelayMs } = ctx;
    const submission = await gradingToDispatch(ctx, submissionId);
    if (!submission || isFinished(submission.status)) return;

    let seq = await nextSeq(ctx, submissionId);
    let toldReplaced = false;
    const store = async <T>(write: () => Promise<T>): Promise<T> => {
      try {
        return await write();
      } catch (error) {
        throw new StorageFailed(error);
      }
    };
    const emit = async (event: SubmissionEvent) => {
      if (!toldReplaced && showsStandIns(event)) {
        toldReplaced = true;
        hub.publish(submissionId, await store(() => appendEvent(ctx, submissionId, seq++, { type: "notice", level: "info", text: notices.replacedBytes })));
      }
      hub.publish(submissionId, await store(() => appendEvent(ctx, submissionId, seq++, event)));
    };
    const finish = async (verdict: Verdict) => {
      hub.publish(submissionId, await store(() => finishWithVerdict(ctx, submissionId, seq++, verdict, statusOfVerdict(verdict))));
      if (verdict.status === "error") this.options.log("submission ended not gradable", { submissionId, message: verdict.message });
    };
    const endNotGradable = (message: string) => finish(notGradableVerdict(submission.exercise.slug, message));

    const spec = exerciseSpecSchema.safeParse(submission.exercise.spec);
    const files = fileMapSchema.safeParse(submission.files);
    if (!spec.success || !files.success) {
      return endNotGradable(notices.invalidDefinition);
    }
    const starter = fileMapSchema.safeParse(submission.exercise.starter);
    const request: GradingRequest = {
      spec: spec.data,
      files: files.data,
      ...(spec.data.checks.some((c) => c.id === "image-size-smaller") && starter.success ? { baselineFiles: starter.data } : {}),
      submissionId,
    };

    let running = submission.status === "RUNNING";
    let restartReason = submission.dispatches > 0 ? resumeReason : "";
    const retry: Omit<RetryState, "nowMs"> = { dispatches: submission.dispatches, maxDispatches, errorRetries: 0, waitingSinceMs: null, waits: 0, maxWaitMs, reconnectDelayMs };

    const countDispatches = async (dispatches: number) => {
      retry.dispatches = dispatches;
      await store(() => recordDispatch(ctx, submissionId, dispatches));
    };

    while (!signal.aborted) {
      if (retry.dispatches >= maxDispatches) return endNotGradable(tooManyDispatches(retry.dispatches, restartReason));
      let failure: Failure;
      try {
        // Counted before it is sent: a web killed between the grader's acceptance and this write would leave a
        // sending uncounted, and the cap across restarts one short (seen in the fault suite). An open the grader
        // did not accept (full, unreachable, refused) gives its count back.
        await countDispatches(retry.dispatches + 1);
        const grading = await openGrading(grader, request, signal).catch(async (error: unknown) => {
          if (!signal.aborted) await countDispatches(retry.dispatches - 1);
          throw error;
        });
        retry.waitingSinceMs = null;
        retry.waits = 0;
        if (retry.dispatches > 1) await emit({ type: "restart", dispatch: retry.dispatches, reason: restartReason });
        const started = async () => {
          if (running) return;
          running = true;
          await store(() => markRunning(ctx, submissionId));
        };
        const verdict = await this.follow(grading.events, { emit, started });
        if (verdict.status !== "error") return await finish(verdict);
        failure = { kind: "error-verdict", verdict };
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof StorageFailed) {
          // The real reason, not "interrupted": the database refused what the grading produced. If it refuses this
          // too, the claim lapses and recovery tries again later.
          return endNotGradable(notices.storageFailed(error.message));
        }
        const known = failureOf(error);
        if (!known) throw error;
        failure = known;
      }
      const decision = decide(failure, { ...retry, nowMs: Date.now() });
      switch (decision.action) {
        case "accept":
          if (failure.kind === "error-verdict") await finish(failure.verdict);
          return;
        case "give-up":
          return endNotGradable(decision.message);
        case "dispatch-again":
          restartReason = decision.reason;
          if (failure.kind === "error-verdict") retry.errorRetries++;
          if (decision.notice) await emit({ type: "notice", level: "warn", text: decision.notice });
          continue;
        case "wait":
          retry.waitingSinceMs ??= Date.now();
          if (decision.notice) await emit({ type: "notice", ...decision.notice });
          retry.waits++;
          await sleep(decision.delayMs, signal);
          continue;
      }
    }
  }

  /** Stores the events of one dispatch as they come, and returns its verdict (stored by the caller). */
  private async follow(events: AsyncIterable<GradingEvent>, on: { emit: (event: SubmissionEvent) => Promise<void>; started: () => Promise<void> }): Promise<Verdict> {
    for await (const event of events) {
      if (event.type === "verdict") return event.verdict;
      if (event.type === "step") await on.started();
      await on.emit(event);
    }
    throw new GraderStreamError("the grader closed the stream without a verdict");
  }
}

/** The database refused a write: the grading cannot go on, and the learner is told so rather than "interrupted". */
class StorageFailed extends Error {
  override name = "StorageFailed";
  constructor(cause: unknown) {
    const text = cause instanceof Error ? cause.message : String(cause);
    // Prisma's messages carry the query and a stack of context; the last line says what the database said.
    super(text.trim().split("\n").filter(Boolean).at(-1)?.slice(0, 300) ?? "the database refused a write", { cause });
  }
}

function failureOf(error: unknown): Failure | null {
  if (error instanceof GraderRejectedError) return { kind: "rejected", reason: error.reason };
  if (error instanceof GraderStreamError) return { kind: "stream-broke", message: error.message };
  if (error instanceof GraderBusyError) return { kind: "busy", retryAfterMs: error.retryAfterMs };
  if (error instanceof GraderUnreachableError) return { kind: "unreachable" };
  return null;
}
