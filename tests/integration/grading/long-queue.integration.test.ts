// A grading that waits in the grader's queue longer than the web's stream idle limit still ends with its verdict:
// the grader's stream carries the queue position as it moves and a keep-alive line while it is quiet. The idle
// limit is the real one (undici's bodyTimeout in server/grading/grader-client.ts), set low here instead of Node's
// 300 s, and the second test shows it does cut a silent stream: without keep-alives the same wait ends not gradable.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dispatcher } from "@/server/grader-link/dispatcher";
import { EventHub } from "@/server/submissions/event-hub";
import { submissionEventStream } from "@/server/submissions/sse-stream";
import { createSubmission, eventsAfter } from "@/server/submissions/submission-store";
import type { TestDb } from "@/tests/support/test-db";
import { createTestDb, GraderProcess, graderToken, seedExercise, webDispatcher, type Seeded } from "./grading-fixture";

const streamIdleMs = 1_500;
const talkative = new GraderProcess(4372, "nqueue", { GRADER_CONCURRENCY: "1", GRADER_KEEPALIVE_MS: "300" });
const silent = new GraderProcess(4373, "nqsilent", { GRADER_CONCURRENCY: "1", GRADER_KEEPALIVE_MS: "30000" });
let testDb: TestDb;
const learners: Seeded[] = [];

const limits = { rateLimit: 100, rateWindowMs: 60_000 };

function dispatcherFor(grader: GraderProcess): Dispatcher {
  return webDispatcher(testDb.prisma, grader, { grader: { url: grader.url, token: graderToken, streamIdleMs } });
}

/** The solution, building for `seconds` in a silent step first; never a cache hit of another test's build. */
function filesOf(learner: Seeded, seconds: number): Record<string, string> {
  const files = { ...learner.exercise.solution };
  files.Dockerfile = (files.Dockerfile ?? "").replace(/^(FROM .*)$/m, `$1\nRUN sleep ${seconds} # ${randomUUID()}`);
  return files;
}

async function submit(learner: Seeded, seconds: number): Promise<string> {
  return (await createSubmission({ db: testDb.prisma }, { userId: learner.userId, exerciseId: learner.exerciseId, files: filesOf(learner, seconds) }, limits)).id;
}

beforeAll(async () => {
  testDb = await createTestDb();
  for (const n of [1, 2, 3]) learners.push(await seedExercise(testDb, `queue${n}@test.local`));
  await Promise.all([talkative.start(), silent.start()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([talkative.stop(), silent.stop()]);
  await testDb?.close();
});

describe("a long queue", () => {
  it("keeps a waiting grading's stream alive past the idle limit, with its position, until its verdict", async () => {
    const [a, b, c] = learners;
    if (!a || !b || !c) throw new Error("seeding failed");
    const web = dispatcherFor(talkative);
    // One slot: the first grading holds it for ~4× the idle limit while the other two wait, silent but for keep-alives.
    const first = await submit(a, 6);
    void web.dispatch(first);
    const deadline = Date.now() + 30_000;
    while (!(await eventsAfter({ db: testDb.prisma }, first, 0)).some((e) => e.event.type === "step")) {
      if (Date.now() > deadline) throw new Error("the first grading never started");
      await new Promise((r) => setTimeout(r, 100));
    }
    const second = await submit(b, 0);
    void web.dispatch(second);
    await new Promise((r) => setTimeout(r, 300));
    const third = await submit(c, 0);
    void web.dispatch(third);
    await web.idle();

    for (const id of [first, second, third]) {
      const row = await testDb.prisma.submission.findUniqueOrThrow({ where: { id } });
      expect(row, id).toMatchObject({ status: "PASSED", dispatches: 1 });
    }
    const positions = (await eventsAfter({ db: testDb.prisma }, third, 0)).flatMap((e) => (e.event.type === "queued" ? [e.event.position] : []));
    expect(positions).toEqual([2, 1]);
    const thirdRow = await testDb.prisma.submission.findUniqueOrThrow({ where: { id: third }, select: { verdict: true } });
    expect((thirdRow.verdict as { timings: { queuedMs: number } }).timings.queuedMs).toBeGreaterThan(streamIdleMs * 2);
  }, 120_000);

  it("without keep-alives the same wait is cut by the idle limit (so the first test proves the keep-alive)", async () => {
    const [a, b] = learners;
    if (!a || !b) throw new Error("seeding failed");
    const web = dispatcherFor(silent);
    // The slot is held by a client without an idle limit of ours (Node's fetch: 300 s), so only the waiting one is cut.
    const holder = await fetch(`${silent.url}/v1/gradings`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${graderToken}` },
      body: JSON.stringify({ spec: a.exercise.spec, files: filesOf(a, 8) }),
    });
    const held = holder.text();
    const waiting = await submit(b, 0);
    await web.dispatch(waiting);
    const row = await testDb.prisma.submission.findUniqueOrThrow({ where: { id: waiting } });
    expect(row.status).toBe("NOT_GRADABLE");
    const restarts = (await eventsAfter({ db: testDb.prisma }, waiting, 0)).filter((e) => e.event.type === "restart");
    expect(restarts.length).toBe(2);
    expect(JSON.stringify(restarts[0]?.event)).toMatch(/broke mid-grading/);
    expect(await held).toMatch(/"type":"verdict"/);
  }, 120_000);

  it("keeps the browser's event stream alive with comment lines while nothing happens", async () => {
    const [a] = learners;
    if (!a) throw new Error("seeding failed");
    // Never dispatched: it waits, as a grading far down a queue would.
    const waiting = await submit(a, 0);
    const reader = submissionEventStream({ db: testDb.prisma }, new EventHub(), waiting, 0, { heartbeatMs: 100 }).getReader();
    const decoder = new TextDecoder();
    let text = "";
    while ((text.match(/^: keep-alive$/gm) ?? []).length < 3) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toMatch(/^id: 1\ndata: .*"submitted"/m);
  });
});
