// One grading as a state machine: validating → building/running checks → cleaning up → done. The statuses
// are stable (logs and metrics name them). Checks run in the exercise's order and each `check` event is sent
// the moment it is decided; the verdict is always the last event, and cleanup runs in finally whatever happened.
import type { Logger } from "pino";
import { checkCatalogue, type CheckResult, type ExerciseSpec, type FileMap, type GradingEvent, type ImageSummary, type Verdict } from "@/grader/contract";
import type { GraderConfig } from "@/grader/config";
import { checks } from "@/grader/checks";
import { SkipCheck, type CheckOutcome } from "@/grader/checks/check";
import type { Docker } from "@/grader/sandbox/docker-client";
import { Session } from "./grading-session";
import type { InUse } from "./in-use";

export const gradingStatuses = ["queued", "validating", "checking", "cleaning-up", "done"] as const;
export type GradingStatus = (typeof gradingStatuses)[number];

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
  onStatus?: (status: GradingStatus) => void;
  /** Shared by the gradings of one grader: what the image cache trim must spare. */
  inUse: InUse;
  pendingRemoval: Set<string>;
}

export class GradingTimeout extends Error {
  override name = "GradingTimeout";
}

export async function runGrading(input: GradingInput, run: GradingRun): Promise<Verdict> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(run.config.limits.gradingTimeoutMs);
  const signal = AbortSignal.any([run.signal, deadline]);
  const session = new Session({ docker: run.docker, config: run.config, log: run.log, signal, emit: run.emit, inUse: run.inUse, pendingRemoval: run.pendingRemoval }, input.spec, input.files, input.baselineFiles);
  const log = run.log.child({ session: session.id });
  const results: CheckResult[] = [];
  let image: ImageSummary | null = null;
  let errorMessage: string | undefined;

  try {
    run.onStatus?.("validating");
    session.step("validate");
    run.onStatus?.("checking");
    for (const config of input.spec.checks) {
      let outcome: CheckOutcome;
      if (signal.aborted) {
        outcome = { status: "error", message: "Not run: the grading was stopped." };
      } else {
        try {
          outcome = await checks[config.id].run(session);
        } catch (err) {
          if (err instanceof SkipCheck) outcome = { status: "skip", message: err.message };
          else {
            log.error({ err, check: config.id }, "check failed to run");
            outcome = { status: "error", message: `The grader could not run this check: ${err instanceof Error ? err.message : String(err)}` };
          }
        }
      }
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
    session.markRunEnded();
    if (!signal.aborted) image = await session.summary().catch(() => null);
  } catch (err) {
    log.error({ err }, "grading failed");
    errorMessage = `The grader failed: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    run.onStatus?.("cleaning-up");
    session.step("cleanup");
    await session.cleanup();
  }

  if (deadline.aborted) errorMessage = `The grading took longer than ${Math.round(run.config.limits.gradingTimeoutMs / 1000)} s and was stopped.`;
  else if (run.signal.aborted) errorMessage = "The grading was cancelled.";
  const required = results.filter((r) => r.required);
  const passed = required.filter((r) => r.status === "pass").length;
  const brokenCheck = required.find((r) => r.status === "error");
  if (!errorMessage && brokenCheck) errorMessage = `Check ${brokenCheck.id} could not be run: ${brokenCheck.message}`;
  const verdict: Verdict = {
    version: 1,
    exercise: input.spec.slug,
    status: errorMessage ? "error" : passed === required.length ? "pass" : "fail",
    score: required.length === 0 ? 1 : passed / required.length,
    ...(errorMessage ? { message: errorMessage } : {}),
    checks: results,
    image,
    ...(session.baselines.length > 0 ? { baselines: session.baselines } : {}),
    timings: {
      queuedMs: Math.round(run.queuedMs),
      buildMs: Math.round(session.buildMs),
      runMs: Math.round(session.runMs),
      totalMs: Math.round(performance.now() - started + run.queuedMs),
    },
  };
  run.onStatus?.("done");
  log.info({ status: verdict.status, score: verdict.score, ms: verdict.timings.totalMs }, "grading done");
  run.emit({ type: "verdict", verdict });
  return verdict;
}
