// Rows 8, 9, 11, 12 of issue 11's table and the SSE cap, through the real route handlers and database:
// - a chunked 80 MiB body to /api/exercises/<slug>/submissions, anonymous, was read in full before the 401/413;
//   /api/progress and /merge had no limit at all;
// - POST /api/progress with a foreign Origin and a text/plain JSON body answered 200;
// - GET /api/exercises/<slug>/submissions could start a reference grading on every view;
// - quiz attempts keyed by a client id unique across all users: a collision dropped another person's attempt;
// - SSE streams per user were not capped.
import "./grader-listener-env";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graderListenerPort, previousGraderEnv } from "./grader-listener-env";
import { ctx, openSecurityDb, pageRequest, sessionCookie, type SecurityDb } from "./support";
import { bodyLimits, streamLimits } from "@/server/http/limits";

let sdb: SecurityDb;
let learner: string;
let grader: Server;
const graderRequests: string[] = [];

beforeAll(async () => {
  sdb = await openSecurityDb();
  learner = await sessionCookie(sdb.fx.users.learner);
  grader = createServer((req: IncomingMessage, res) => {
    graderRequests.push(`${req.method} ${req.url}`);
    res.writeHead(503, { "retry-after": "60" }).end();
  });
  await new Promise<void>((resolve) => grader.listen(graderListenerPort, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise((resolve) => grader.close(resolve));
  await sdb.close();
  for (const [name, value] of Object.entries(previousGraderEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** An endless-looking chunked body that counts what was pulled from it. */
function countingBody(totalBytes: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

const mib = 1024 * 1024;

describe("bodies are limited while streaming, after the permission check", () => {
  it("a chunked 80 MiB upload from a visitor is refused 401 without reading it", async () => {
    const { POST } = await import("@/app/api/exercises/[slug]/submissions/route");
    const body = countingBody(80 * mib);
    const response = await POST(pageRequest(`/api/exercises/${sdb.fx.exerciseSlug}/submissions`, { method: "POST", body: body.stream }), ctx({ slug: sdb.fx.exerciseSlug }));
    expect(response.status).toBe(401);
    expect(body.pulled()).toBeLessThanOrEqual(128 * 1024);
  });

  it("from a learner it is cut off at the limit: 413 having read at most the limit and a chunk", async () => {
    const { POST } = await import("@/app/api/exercises/[slug]/submissions/route");
    const body = countingBody(80 * mib);
    const response = await POST(pageRequest(`/api/exercises/${sdb.fx.exerciseSlug}/submissions`, { method: "POST", cookie: learner, body: body.stream }), ctx({ slug: sdb.fx.exerciseSlug }));
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(bodyLimits.submission + 2 * 64 * 1024);
    expect(await sdb.testDb.prisma.submission.count()).toBe(0);
  });

  it("a declared Content-Length over the limit is refused before a byte is read", async () => {
    const { POST } = await import("@/app/api/progress/route");
    const body = countingBody(10 * mib);
    const response = await POST(pageRequest("/api/progress", { method: "POST", cookie: learner, body: body.stream, headers: { "content-length": String(10 * mib) } }));
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(128 * 1024);
  });

  it("/api/progress and /api/progress/merge have their limits", async () => {
    const progress = await import("@/app/api/progress/route");
    const merge = await import("@/app/api/progress/merge/route");
    const big = (bytes: number) => JSON.stringify({ lessons: [], attempts: [], pad: "x".repeat(bytes) });
    expect((await progress.POST(pageRequest("/api/progress", { method: "POST", cookie: learner, body: big(bodyLimits.small) }))).status).toBe(413);
    expect((await merge.POST(pageRequest("/api/progress/merge", { method: "POST", cookie: learner, body: big(bodyLimits.merge) }))).status).toBe(413);
    // Under the limit the handler runs (and judges the content).
    expect((await merge.POST(pageRequest("/api/progress/merge", { method: "POST", cookie: learner, body: JSON.stringify({ lessons: [], attempts: [] }) }))).status).toBe(200);
  });
});

describe("state-changing routes answer only our own pages", () => {
  const mark = () => JSON.stringify({ course: sdb.fx.courseSlug, lesson: sdb.fx.lessonSlug, kind: "section-read", key: "run-it" });

  it("POST /api/progress with a foreign Origin and a text/plain body: 403, nothing stored", async () => {
    const { POST } = await import("@/app/api/progress/route");
    const response = await POST(pageRequest("/api/progress", { method: "POST", cookie: learner, body: mark(), headers: { origin: "http://127.0.0.1:3999", "content-type": "text/plain" } }));
    expect(response.status).toBe(403);
    expect(await sdb.testDb.prisma.progressMark.count()).toBe(0);
  });

  it("refuses foreign, null and missing Origins on every state-changing route", async () => {
    // Each takes its own params; here they all get the exercise's slug, which the ones without params ignore.
    type AnyRoute = (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;
    const anyRoute = (handler: unknown) => handler as AnyRoute;
    const routes: Record<string, AnyRoute> = {
      progress: anyRoute((await import("@/app/api/progress/route")).POST),
      merge: anyRoute((await import("@/app/api/progress/merge/route")).POST),
      attempts: anyRoute((await import("@/app/api/progress/quiz-attempts/route")).POST),
      me: anyRoute((await import("@/app/api/me/route")).DELETE),
      draft: anyRoute((await import("@/app/api/exercises/[slug]/draft/route")).PUT),
      submit: anyRoute((await import("@/app/api/exercises/[slug]/submissions/route")).POST),
    };
    const slug = ctx({ slug: sdb.fx.exerciseSlug });
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1:3300.evil.example", "http://127.0.0.1"]) {
      for (const [name, handler] of Object.entries(routes)) {
        const response = await handler(pageRequest(`/api/${name}`, { method: "POST", cookie: learner, body: "{}", headers: { origin } }), slug);
        expect([name, origin, response.status]).toEqual([name, origin, 403]);
      }
    }
    const noOrigin = new Request("http://127.0.0.1:3300/api/progress", { method: "POST", headers: { cookie: learner, "content-type": "application/json" }, body: mark() });
    const progress = (await import("@/app/api/progress/route")).POST;
    expect((await progress(noOrigin)).status).toBe(403);
    const fetchMetadata = new Request("http://127.0.0.1:3300/api/progress", { method: "POST", headers: { cookie: learner, "content-type": "application/json", "sec-fetch-site": "same-origin" }, body: mark() });
    expect((await progress(fetchMetadata)).status).toBe(200);
  });

  it("our own Origin with a non-JSON body: 415", async () => {
    const { POST } = await import("@/app/api/progress/route");
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
      const response = await POST(pageRequest("/api/progress", { method: "POST", cookie: learner, body: mark(), headers: { "content-type": type } }));
      expect([type, response.status]).toEqual([type, 415]);
    }
    expect((await POST(pageRequest("/api/progress", { method: "POST", cookie: learner, body: mark(), headers: { "content-type": "application/json; charset=utf-8" } }))).status).toBe(200);
  });
});

it("GET /api/exercises/<slug>/submissions never starts a grading, however often it is viewed", async () => {
  const { GET } = await import("@/app/api/exercises/[slug]/submissions/route");
  await sdb.testDb.prisma.submission.create({ data: { userId: sdb.fx.users.learner.id, exerciseId: sdb.fx.exerciseId, status: "FAILED", files: { Dockerfile: "FROM busybox\n" } } });
  for (let i = 0; i < 5; i++) {
    const response = await GET(pageRequest(`/api/exercises/${sdb.fx.exerciseSlug}/submissions`, { cookie: learner }), ctx({ slug: sdb.fx.exerciseSlug }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { reference: unknown }).reference).toBeNull();
  }
  await new Promise((r) => setTimeout(r, 1500));
  expect(graderRequests).toEqual([]);
});

it("quiz attempts are unique per user: the same client id from two people stores both", async () => {
  const { POST } = await import("@/app/api/progress/quiz-attempts/route");
  const clientId = randomUUID();
  const attempt = JSON.stringify({ clientId, course: sdb.fx.courseSlug, lesson: sdb.fx.lessonSlug, answers: {} });
  const other = await sessionCookie(sdb.fx.users.other);
  expect((await POST(pageRequest("/api/progress/quiz-attempts", { method: "POST", cookie: learner, body: attempt }))).status).toBe(201);
  expect((await POST(pageRequest("/api/progress/quiz-attempts", { method: "POST", cookie: other, body: attempt }))).status).toBe(201);
  // Sent again by the first person: stored once.
  expect((await POST(pageRequest("/api/progress/quiz-attempts", { method: "POST", cookie: learner, body: attempt }))).status).toBe(200);
  expect(await sdb.testDb.prisma.quizAttempt.count({ where: { clientId } })).toBe(2);
});

it(`SSE: at most ${streamLimits.sseStreamsPerUser} live streams per user; a closed one frees its slot`, async () => {
  const { GET } = await import("@/app/api/submissions/[id]/events/route");
  const running = await sdb.testDb.prisma.submission.create({ data: { userId: sdb.fx.users.learner.id, exerciseId: sdb.fx.exerciseId, status: "RUNNING", files: {} } });
  const open = () => GET(pageRequest(`/api/submissions/${running.id}/events`, { cookie: learner }), ctx({ id: running.id }));
  const streams: Response[] = [];
  for (let i = 0; i < streamLimits.sseStreamsPerUser; i++) {
    const response = await open();
    expect(response.status).toBe(200);
    streams.push(response);
  }
  const refused = await open();
  expect(refused.status).toBe(429);
  expect(refused.headers.get("retry-after")).toBeTruthy();
  // Someone else is not affected by this learner's tabs.
  const admin = await GET(pageRequest(`/api/submissions/${running.id}/events`, { cookie: await sessionCookie(sdb.fx.users.admin) }), ctx({ id: running.id }));
  expect(admin.status).toBe(200);
  await admin.body?.cancel();
  await streams.pop()?.body?.cancel();
  const again = await open();
  expect(again.status).toBe(200);
  streams.push(again);
  for (const response of streams) await response.body?.cancel();
  const afterAll = await open();
  expect(afterAll.status).toBe(200);
  await afterAll.body?.cancel();
});
