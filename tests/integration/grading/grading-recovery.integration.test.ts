// The promise of DESIGN §1 against the real grader on the real engine: a submission is stored before dispatch,
// every event is stored, and whatever crashes — the grader mid-build, or the web — the submission still ends
// with a verdict or "not gradable", never left queued or running.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dispatcher } from "@/server/grader-link/dispatcher";
import { EventHub } from "@/server/submissions/event-hub";
import { submissionEventStream } from "@/server/submissions/sse-stream";
import { createSubmission, eventsAfter } from "@/server/submissions/submission-store";
import { streamedEventSchema, type StreamedEvent } from "@/lib/grading/submission-events";
import type { TestDb } from "@/tests/support/test-db";
import { createTestDb, GraderProcess, seedExercise, webDispatcher, type Seeded } from "./grading-fixture";

const grader = new GraderProcess(4371, "webrecovery");
let testDb: TestDb;
let seeded: Seeded;

const limits = { rateLimit: 100, rateWindowMs: 60_000 };

/** One web instance's dispatcher; the same `instanceId` again is that instance after a restart. */
function dispatcher(hub = new EventHub(), { instanceId = "web-a", leaseMs = 30_000 } = {}): Dispatcher {
  return webDispatcher(testDb.prisma, grader, { hub, maxWaitMs: 90_000, instanceId, leaseMs });
}

/** The solution with a slow build step, so there is a build to interrupt; never a layer-cache hit of an earlier test. */
function slowFiles(seconds = 4): Record<string, string> {
  const files = { ...seeded.exercise.solution };
  files.Dockerfile = (files.Dockerfile ?? "").replace(/^(FROM .*)$/m, `$1\nRUN sleep ${seconds} # ${randomUUID()}`);
  return files;
}

async function waitForEvent(submissionId: string, predicate: (e: StreamedEvent) => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await eventsAfter({ db: testDb.prisma }, submissionId, 0)).some(predicate)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the expected event never arrived");
}

async function readSse(stream: ReadableStream<Uint8Array>): Promise<StreamedEvent[]> {
  const text = await new Response(stream).text();
  return text
    .split("\n\n")
    .map((frame) => frame.split("\n").find((l) => l.startsWith("data: ")))
    .filter((l): l is string => l !== undefined)
    .map((l) => streamedEventSchema.parse(JSON.parse(l.slice("data: ".length))));
}

beforeAll(async () => {
  testDb = await createTestDb();
  seeded = await seedExercise(testDb);
  await grader.start();
}, 120_000);

afterAll(async () => {
  await grader.kill();
  await testDb?.close();
});

describe("grading survives crashes", () => {
  it("re-dispatches after the grader is killed mid-build and ends with a verdict; the SSE stream shows it all once", async () => {
    const hub = new EventHub();
    const web = dispatcher(hub);
    const { id } = await createSubmission({ db: testDb.prisma }, { userId: seeded.userId, exerciseId: seeded.exerciseId, files: slowFiles() }, limits);
    const stored = await testDb.prisma.submission.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe("QUEUED");
    expect(stored.dispatches).toBe(0);

    const done = web.dispatch(id);
    await waitForEvent(id, (e) => e.event.type === "step" && e.event.name === "build");
    // A browser that connects mid-build: replay, then live, through the crash, until the verdict.
    const sse = readSse(submissionEventStream({ db: testDb.prisma }, hub, id, 0, { pollMs: 500 }));
    await grader.kill();
    await new Promise((r) => setTimeout(r, 1_500));
    await grader.start();
    await done;

    const after = await testDb.prisma.submission.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe("PASSED");
    expect(after.dispatches).toBe(2);
    expect(after.finishedAt).not.toBeNull();

    const events = await eventsAfter({ db: testDb.prisma }, id, 0);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.some((e) => e.event.type === "notice" && e.event.level === "warn")).toBe(true);
    expect(events.some((e) => e.event.type === "restart" && e.event.dispatch === 2)).toBe(true);
    expect(events.at(-1)?.event.type).toBe("verdict");

    const streamed = await sse;
    expect(streamed.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
  });

  it("a second web instance leaves a live instance's grading alone and takes it over once that claim lapses", async () => {
    const first = dispatcher(new EventHub(), { instanceId: "web-a", leaseMs: 2_000 });
    const second = dispatcher(new EventHub(), { instanceId: "web-b", leaseMs: 2_000 });
    const { id } = await createSubmission({ db: testDb.prisma }, { userId: seeded.userId, exerciseId: seeded.exerciseId, files: slowFiles(8) }, limits);
    void first.dispatch(id);
    await waitForEvent(id, (e) => e.event.type === "step" && e.event.name === "build");
    // Past a whole lease period: the first instance keeps renewing its claim, so the second never takes over.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await second.recoverInterrupted()).not.toContain(id);
    expect(await testDb.prisma.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ leaseOwner: "web-a", dispatches: 1 });

    await first.stop();
    const deadline = Date.now() + 30_000;
    while (!(await second.recoverInterrupted()).includes(id)) {
      if (Date.now() > deadline) throw new Error("the lapsed claim was never taken over");
      await new Promise((r) => setTimeout(r, 250));
    }
    await second.idle();
    const after = await testDb.prisma.submission.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ status: "PASSED", dispatches: 2, leaseOwner: null });
    const events = await eventsAfter({ db: testDb.prisma }, id, 0);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it("after a web crash, the restarted instance re-dispatches at once what it left running", async () => {
    const crashed = dispatcher();
    const { id } = await createSubmission({ db: testDb.prisma }, { userId: seeded.userId, exerciseId: seeded.exerciseId, files: slowFiles() }, limits);
    void crashed.dispatch(id);
    await waitForEvent(id, (e) => e.event.type === "step" && e.event.name === "build");
    await crashed.stop();
    expect((await testDb.prisma.submission.findUniqueOrThrow({ where: { id } })).status).toBe("RUNNING");

    const restarted = dispatcher();
    expect(await restarted.recoverInterrupted()).toContain(id);
    await restarted.idle();

    const after = await testDb.prisma.submission.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe("PASSED");
    const events = await eventsAfter({ db: testDb.prisma }, id, 0);
    expect(events.find((e) => e.event.type === "restart")?.event).toMatchObject({ reason: "the web restarted while it was being graded" });
    expect(await testDb.prisma.submission.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } })).toBe(0);
  });

  it("ends a submission that was dispatched too often as not gradable, with a verdict event saying why", async () => {
    const { id } = await createSubmission({ db: testDb.prisma }, { userId: seeded.userId, exerciseId: seeded.exerciseId, files: seeded.exercise.starter }, limits);
    await testDb.prisma.submission.update({ where: { id }, data: { status: "RUNNING", dispatches: 3 } });
    const restarted = dispatcher();
    await restarted.recoverInterrupted();
    await restarted.idle();
    const after = await testDb.prisma.submission.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe("NOT_GRADABLE");
    const last = (await eventsAfter({ db: testDb.prisma }, id, 0)).at(-1)?.event;
    expect(last?.type === "verdict" && last.verdict.status === "error" && last.verdict.message).toMatch(/started 3 times/);
  });
});
