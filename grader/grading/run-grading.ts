// One grading: the exercise's checks in order, each `check` event sent the moment it is decided, then the verdict
// as the last event. The verdict goes out before the engine objects are removed (that takes the engine ~0.5 s the
// learner need not wait for); runGrading itself resolves only after cleanup, which runs in finally whatever happened.
import type { Logger } from "pino";
import { checkCatalogue, type CheckResult, type ExerciseSpec, type FileMap, type GradingEvent, type ImageSummary, type Verdict } from "@/grader/contract";
import type { GraderConfig } from "@/grader/config";
import { checks } from "@/grader/checks";
import { SkipCheck, type CheckOutcome } from "@/grader/checks/check";
import { pingEngine, type Docker } from "@/grader/sandbox/docker-client";
import { Session } from "./grading-session";
import type { InUse } from "./in-use";

export interface GradingInput {
  spec: ExerciseSpec;
  files: FileMap;
  baselineFiles?: FileMap;
}

export interface GradingRun {
  docker: Docker;
  config: GraderConfig;
  log: Logger;
  emit: (event: GradingEvent) => void;
  /** Aborted when the client goes away or the service shuts down. */
  signal: AbortSignal;
  queuedMs: number;
  /** Shared by the gradings of one grader: what the image cache trim must spare. */
  inUse: InUse;
  pendingRemoval: Set<string>;
}

export async function runGrading(input: GradingInput, run: GradingRun): Promise<Verdict> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(run.config.limits.gradingTimeoutMs);
  const signal = AbortSignal.any([run.signal, deadline]);
  const prepares = new Set(input.spec.checks.flatMap((c) => checks[c.id].uses ?? []));
  const session = new Session({ docker: run.docker, config: run.config, log: run.log, signal, emit: run.emit, inUse: run.inUse, pendingRemoval: run.pendingRemoval }, input.spec, input.files, input.baselineFiles, prepares);
  const log = run.log.child({ session: session.id });
  const results: CheckResult[] = [];
  let image: ImageSummary | null = null;
  let errorMessage: string | undefined;

  try {
    try {
      session.step("validate");
      for (const config of input.spec.checks) {
        const outcome = signal.aborted ? { status: "error" as const, message: "Not run: the grading was stopped." } : await runCheck(config.id, session, log);
        const result: CheckResult = {
          id: config.id,
          title: config.title ?? checkCatalogue[config.id],
          required: config.required,
          status: outcome.status,
          message: outcome.message,
          ...(outcome.status === "pass" || outcome.status === "skip" ? {} : { hint: config.hint }),
          ...(outcome.evidence ? { evidence: outcome.evidence } : {}),
        };
        results.push(result);
        run.emit({ type: "check", check: result });
      }
      if (!signal.aborted) image = await session.summary().catch(() => null);
    } catch (err) {
      log.error({ err }, "grading failed");
      errorMessage = `The grader failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    session.markRunEnded();
    // A check failed while the engine was gone (a build or start cut off, a daemon restart): that says nothing
    // about the learner's work, so the grading is ours to redo, not a failed attempt.
    if (!errorMessage && results.some((r) => r.required && r.status === "fail")) {
      const engine = await pingEngine(run.docker, run.config.dockerHost);
      if (!engine.ok) {
        log.error({ engine: engine.message }, "the engine stopped answering during the grading");
        errorMessage = "The grading engine stopped answering during the grading, so its result says nothing about your Dockerfile. Nothing was counted; please grade again.";
      }
    }
    if (deadline.aborted) errorMessage = `The grading took longer than ${Math.round(run.config.limits.gradingTimeoutMs / 1000)} s and was stopped.`;
    else if (run.signal.aborted) errorMessage = `The grading was stopped: ${run.signal.reason instanceof Error ? run.signal.reason.message : "it was cancelled"}. Nothing was counted; submit again.`;
    const verdict = decide(input.spec.slug, results, image, session, errorMessage, performance.now() - started + run.queuedMs, run.queuedMs);
    log.info({ status: verdict.status, score: verdict.score, ms: verdict.timings.totalMs }, "grading done");
    run.emit({ type: "verdict", verdict });
    return verdict;
  } finally {
    await session.cleanup();
  }
}

async function runCheck(id: CheckResult["id"], session: Session, log: Logger): Promise<CheckOutcome> {
  try {
    return await checks[id].run(session);
  } catch (err) {
    if (err instanceof SkipCheck) return { status: "skip", message: err.message };
    log.error({ err, check: id }, "check failed to run");
    return { status: "error", message: `The grader could not run this check: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function decide(exercise: string, results: CheckResult[], image: ImageSummary | null, session: Session, errorMessage: string | undefined, totalMs: number, queuedMs: number): Verdict {
  const required = results.filter((r) => r.required);
  const passed = required.filter((r) => r.status === "pass").length;
  const brokenCheck = required.find((r) => r.status === "error");
  const message = errorMessage ?? (brokenCheck ? `Check ${brokenCheck.id} could not be run: ${brokenCheck.message}` : undefined);
  return {
    version: 1,
    exercise,
    status: message ? "error" : passed === required.length ? "pass" : "fail",
    score: required.length === 0 ? 1 : passed / required.length,
    ...(message ? { message } : {}),
    checks: results,
    image,
    ...(session.baselines.length > 0 ? { baselines: session.baselines } : {}),
    timings: { queuedMs: Math.round(queuedMs), buildMs: Math.round(session.buildMs), runMs: Math.round(session.runMs), totalMs: Math.round(totalMs) },
  };
}
