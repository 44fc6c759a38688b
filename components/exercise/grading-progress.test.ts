import { describe, expect, it } from "vitest";
import type { CheckResult, StreamedEvent, SubmissionEvent, Verdict } from "@/lib/grading/submission-events";
import { applyEvent, foldEvents, initialProgress } from "./grading-progress";

let seq = 0;
const at = (event: SubmissionEvent): StreamedEvent => ({ seq: ++seq, at: new Date(1_700_000_000_000 + seq).toISOString(), event });

const check = (id: CheckResult["id"], status: CheckResult["status"]): CheckResult => ({ id, title: id, required: true, status, message: `${id} ${status}` });

const verdict = (status: Verdict["status"], checks: CheckResult[]): Verdict => ({
  version: 1,
  exercise: "first-service",
  status,
  score: status === "pass" ? 1 : 0,
  checks,
  image: null,
  timings: { queuedMs: 1, buildMs: 2, runMs: 3, totalMs: 6 },
});

describe("grading progress", () => {
  it("shows why a queued grading is held, until its build starts", () => {
    const reason = "Waiting for the base image python:3.11-slim (step 2 of 6, 40%).";
    const events = [
      at({ type: "queued", position: 0 }),
      at({ type: "queued", position: 0, waitingFor: { images: ["python:3.11-slim"], reason } }),
      at({ type: "step", name: "build", index: 1, total: 4 }),
    ];
    expect(foldEvents(events.slice(0, 1)).queueReason).toBeNull();
    expect(foldEvents(events.slice(0, 2))).toMatchObject({ stage: "queued", queueReason: reason });
    expect(foldEvents(events).queueReason).toBeNull();
  });

  it("moves through queued, build step n of m, start, probe and verdict", () => {
    const events = [
      at({ type: "queued", position: 2 }),
      at({ type: "step", name: "build", index: 1, total: 4, progress: { current: 3, total: 7, label: "RUN pip install" } }),
      at({ type: "log", source: "build", text: "Step 3/7 : RUN pip install\n" }),
      at({ type: "step", name: "start", index: 2, total: 4 }),
      at({ type: "check", check: check("build", "pass") }),
      at({ type: "step", name: "probe", index: 3, total: 4 }),
      at({ type: "check", check: check("responds", "fail") }),
    ];
    const afterQueued = foldEvents(events.slice(0, 1));
    expect(afterQueued).toMatchObject({ stage: "queued", queuePosition: 2 });
    expect(foldEvents(events.slice(0, 2))).toMatchObject({ stage: "build", queuePosition: null, buildStep: { current: 3, total: 7 } });
    const running = foldEvents(events);
    expect(running.stage).toBe("probe");
    expect(running.checks.map((c) => `${c.id}:${c.status}`)).toEqual(["build:pass", "responds:fail"]);
    expect(running.logs).toHaveLength(1);
    expect(running.firstEventAt).toBe(events[0]?.at);
  });

  it("takes the verdict's checks as final", () => {
    const final = [check("build", "pass"), check("responds", "pass")];
    const state = foldEvents([at({ type: "check", check: check("build", "pass") }), at({ type: "verdict", verdict: verdict("pass", final) })]);
    expect(state.stage).toBe("verdict");
    expect(state.verdict?.status).toBe("pass");
    expect(state.checks).toEqual(final);
  });

  it("forgets the interrupted run's checks on restart but keeps its log", () => {
    const state = foldEvents([
      at({ type: "step", name: "build", index: 1, total: 4 }),
      at({ type: "check", check: check("dockerfile-valid", "pass") }),
      at({ type: "notice", level: "warn", text: "Lost the grader" }),
      at({ type: "restart", dispatch: 2, reason: "the connection broke" }),
    ]);
    expect(state.stage).toBe("queued");
    expect(state.checks).toEqual([]);
    expect(state.notices).toHaveLength(1);
    expect(state.logs.at(-1)?.text).toContain("started over");
  });

  it("ignores an event it has already applied (replay overlapping live)", () => {
    const first = at({ type: "log", source: "build", text: "once" });
    const state = applyEvent(applyEvent(initialProgress, first), first);
    expect(state.logs).toHaveLength(1);
  });

  it("keeps each Compose service's latest state and its own output, in the order services appeared", () => {
    const state = foldEvents([
      at({ type: "service", service: "db", state: "starting" }),
      at({ type: "service", service: "api", state: "building" }),
      at({ type: "service-log", service: "db", text: "database system is ready\n" }),
      at({ type: "service", service: "db", state: "healthy", detail: "pg_isready" }),
      at({ type: "service-log", service: "api", text: "listening on 8000\n" }),
    ]);
    expect(state.services.map((s) => [s.name, s.state, s.detail])).toEqual([
      ["db", "healthy", "pg_isready"],
      ["api", "building", null],
    ]);
    expect(state.services[0]?.logs.map((l) => l.text)).toEqual(["database system is ready\n"]);
    expect(state.services[1]?.logs.map((l) => l.text)).toEqual(["listening on 8000\n"]);
    expect(foldEvents([at({ type: "service", service: "db", state: "healthy" }), at({ type: "restart", dispatch: 2, reason: "lost" })]).services).toEqual([]);
  });
});
