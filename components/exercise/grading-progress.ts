// Folds a submission's events into what the live view shows. Pure, so the replay of a finished attempt and the
// live stream of a running one produce the same picture, and a `restart` (the grading started over after a
// crash) clears what the interrupted run had shown instead of mixing two runs' checks.
import type { CheckResult, ComposeServiceState, GradingStepName, StreamedEvent, Verdict } from "@/lib/grading/submission-events";

export const stages = ["queued", "build", "start", "probe", "verdict"] as const;
export type Stage = (typeof stages)[number];

export interface LogChunk {
  seq: number;
  source: "build" | "container";
  text: string;
}

/** One service of a Compose project: its latest state and its own output, in arrival order. */
export interface ServiceView {
  name: string;
  state: ComposeServiceState;
  detail: string | null;
  logs: { seq: number; text: string }[];
}

export interface Notice {
  seq: number;
  level: "info" | "warn";
  text: string;
}

export interface GradingProgress {
  stage: Stage;
  queuePosition: number | null;
  /** Why a queued grading is held (the base images it needs are still being made), in the grader's words. */
  queueReason: string | null;
  /** Build step n of m, from the grader's finer progress inside the build. */
  buildStep: { current: number; total: number; label: string } | null;
  logs: LogChunk[];
  /** A Compose project's services in the order they first appeared; empty for a Dockerfile exercise. */
  services: ServiceView[];
  checks: CheckResult[];
  notices: Notice[];
  verdict: Verdict | null;
  lastSeq: number;
  /** When the first event arrived (ISO), for "waited n s" and the benchmark. */
  firstEventAt: string | null;
}

export const initialProgress: GradingProgress = {
  stage: "queued",
  queuePosition: null,
  queueReason: null,
  buildStep: null,
  logs: [],
  services: [],
  checks: [],
  notices: [],
  verdict: null,
  lastSeq: 0,
  firstEventAt: null,
};

const stageOfStep: Record<GradingStepName, Stage> = { validate: "build", build: "build", start: "start", probe: "probe" };

export function applyEvent(state: GradingProgress, { seq, at, event }: StreamedEvent): GradingProgress {
  if (seq <= state.lastSeq) return state;
  const next: GradingProgress = { ...state, lastSeq: seq, firstEventAt: state.firstEventAt ?? at };
  switch (event.type) {
    case "submitted":
      return { ...next, stage: "queued" };
    case "queued":
      return { ...next, stage: "queued", queuePosition: event.position, queueReason: event.waitingFor?.reason ?? null };
    case "step":
      return {
        ...next,
        stage: stageOfStep[event.name],
        queuePosition: null,
        queueReason: null,
        buildStep: event.name === "build" && event.progress ? event.progress : next.buildStep,
      };
    case "log":
      return { ...next, logs: [...next.logs, { seq, source: event.source, text: event.text }] };
    case "service":
      return { ...next, services: withService(next.services, event.service, (s) => ({ ...s, state: event.state, detail: event.detail ?? null })) };
    case "service-log":
      return { ...next, services: withService(next.services, event.service, (s) => ({ ...s, logs: [...s.logs, { seq, text: event.text }] })) };
    case "check": {
      const others = next.checks.filter((c) => c.id !== event.check.id);
      return { ...next, checks: [...others, event.check] };
    }
    case "verdict":
      return { ...next, stage: "verdict", queuePosition: null, verdict: event.verdict, checks: event.verdict.checks.length ? event.verdict.checks : next.checks };
    case "notice":
      return { ...next, notices: [...next.notices, { seq, level: event.level, text: event.text }] };
    case "restart":
      return {
        ...next,
        stage: "queued",
        queuePosition: null,
        buildStep: null,
        checks: [],
        services: [],
        logs: [...next.logs, { seq, source: "build", text: `\n— grading started over (dispatch ${event.dispatch}): ${event.reason} —\n` }],
      };
  }
}

function withService(services: ServiceView[], name: string, change: (s: ServiceView) => ServiceView): ServiceView[] {
  const known = services.some((s) => s.name === name);
  const all = known ? services : [...services, { name, state: "starting" as const, detail: null, logs: [] }];
  return all.map((s) => (s.name === name ? change(s) : s));
}

export function foldEvents(events: StreamedEvent[]): GradingProgress {
  return events.reduce(applyEvent, initialProgress);
}
