// The HTTP API against a real engine: status codes of DESIGN §3, the NDJSON stream's order, and the tar door's
// path safety. The server listens on loopback in the range reserved for the grader's tests (4100–4199).
import type http from "node:http";
import type { AddressInfo } from "node:net";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExerciseFolder } from "@/grader/contract/exercise-folder";
import { readExerciseFolder } from "@/grader/files-on-disk";
import { gradingEventSchema, graderHealthSchema, type GradingEvent } from "@/grader/contract";
import { baseImageRecipes } from "@/grader/images/recipes";
import { labels } from "@/grader/sandbox/labels";
import type { Grader } from "@/grader/grading/grader";
import { createGraderServer } from "./server";
import { ensureTestBaseImage, requireEngine, testBaseImages, testDocker } from "./test-support/test-base-image";
import { startTestGrader } from "./test-support/test-grader";

const token = "test-token-0123456789";
let grader: Grader;
let server: http.Server;
let base: string;
let exercise: ExerciseFolder;

beforeAll(async () => {
  await requireEngine();
  await ensureTestBaseImage();
  exercise = await readExerciseFolder("grader/test-fixtures/exercises/busybox-service");
  // One slot and no waiting room, so a second request while one runs must get 503.
  grader = await startTestGrader("server", { concurrency: 1, queueSize: 0, uploadMaxBytes: 64 * 1024, readyTimeoutMs: 10_000 });
  server = createGraderServer(grader, grader.config);
  await new Promise<void>((resolve) => server.listen(4150, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await grader?.close(0);
});

const post = (body: BodyInit, opts: { type?: string; auth?: string | null } = {}) =>
  fetch(`${base}/v1/gradings`, {
    method: "POST",
    headers: { "content-type": opts.type ?? "application/json", ...(opts.auth === null ? {} : { authorization: opts.auth ?? `Bearer ${token}` }) },
    body,
  });

async function tarOf(entries: { name: string; body?: string; type?: "file" | "symlink"; linkname?: string }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === "symlink") pack.entry({ name: e.name, type: "symlink", linkname: e.linkname });
    else pack.entry({ name: e.name }, e.body ?? "");
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

const readEvents = async (res: Response): Promise<GradingEvent[]> =>
  (await res.text())
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => gradingEventSchema.parse(JSON.parse(l)));

describe("POST /v1/gradings", () => {
  it("401 without the bearer token, or with a wrong one", async () => {
    expect((await post("{}", { auth: null })).status).toBe(401);
    expect((await post("{}", { auth: "Bearer wrong-token-0123456789" })).status).toBe(401);
  });

  it("422 with the reason for a bad spec", async () => {
    const res = await post(JSON.stringify({ spec: { ...exercise.spec, checks: [] }, files: exercise.solution }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/spec\.checks/);
  });

  it("422 for a .. path in a JSON upload", async () => {
    const res = await post(JSON.stringify({ spec: exercise.spec, files: { ...exercise.solution, "../../etc/passwd": "x" } }));
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/climbs out/);
  });

  it("422 for a .. path or a symlink in a tar upload", async () => {
    const request = { name: "request.json", body: JSON.stringify({ spec: exercise.spec }) };
    const dotdot = await post(new Uint8Array(await tarOf([request, { name: "files/Dockerfile", body: "FROM x" }, { name: "files/../../escape", body: "x" }])), { type: "application/x-tar" });
    expect(dotdot.status).toBe(422);
    const link = await post(new Uint8Array(await tarOf([request, { name: "files/Dockerfile", body: "FROM x" }, { name: "files/passwd", type: "symlink", linkname: "/etc/passwd" }])), { type: "application/x-tar" });
    expect(link.status).toBe(422);
    expect(await link.text()).toMatch(/symlink/);
  });

  it("413 for an upload over the limit", async () => {
    const res = await post(JSON.stringify({ spec: exercise.spec, files: { ...exercise.solution, "big.txt": "x".repeat(100 * 1024) } }));
    expect(res.status).toBe(413);
  });

  it("streams NDJSON: queued first, steps in order, checks in the exercise's order, verdict last; 503 + Retry-After meanwhile", async () => {
    const body = JSON.stringify({ spec: exercise.spec, files: exercise.solution, submissionId: "sub-1" });
    const first = await post(body);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    const busy = await post(body);
    expect(busy.status).toBe(503);
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThanOrEqual(5);
    await busy.text();

    const events = await readEvents(first);
    expect(events[0]).toEqual({ type: "queued", position: 0 });
    expect(events.at(-1)?.type).toBe("verdict");
    expect(events.filter((e) => e.type === "verdict")).toHaveLength(1);
    const steps = events.flatMap((e) => (e.type === "step" && !e.progress ? [e.name] : []));
    expect(steps).toEqual(["validate", "build", "start", "probe"]);
    const checks = events.flatMap((e) => (e.type === "check" ? [e.check.id] : []));
    expect(checks).toEqual(exercise.spec.checks.map((c) => c.id));
    const verdict = events.at(-1);
    expect(verdict?.type === "verdict" && verdict.verdict.status).toBe("pass");
  }, 180_000);

  it("grades a tar upload the same way", async () => {
    const entries = [{ name: "request.json", body: JSON.stringify({ spec: exercise.spec }) }, ...Object.entries(exercise.solution).map(([p, body]) => ({ name: `files/${p}`, body }))];
    const res = await post(new Uint8Array(await tarOf(entries)), { type: "application/x-tar" });
    expect(res.status).toBe(200);
    const last = (await readEvents(res)).at(-1);
    expect(last?.type === "verdict" && last.verdict.status).toBe("pass");
  }, 180_000);
});

describe("operations", () => {
  it("GET /healthz reports the engine, the state of the lessons' base images and the limits it grades with", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const health = graderHealthSchema.parse(await res.json());
    if (!health.ok) throw new Error(health.message);
    expect(health.engine).toBe((await testDocker().version()).Version);
    // Cross-checked against the engine itself: every recipe's image is listed, ready (stand-ins marked) when the
    // engine holds it, else missing — this grader was started without provisioning (the service's own is tested
    // in tests/integration/base-images).
    const expected = [];
    for (const { name } of baseImageRecipes) {
      const image = await testDocker().getImage(name).inspect().catch(() => null);
      expected.push(image ? { name, standIn: image.Config.Labels?.[labels.baseImage] === "1", state: "ready" } : { name, standIn: false, state: "missing" });
    }
    expect(health.baseImages).toEqual(expected);
    expect(health.baseImageProvisioning).toBe("off");
    // What the resolver lets a Dockerfile name: the lessons' images and the tests' own busybox.
    expect(health.offeredImages).toEqual(expect.arrayContaining([...baseImageRecipes.map((r) => r.name), ...testBaseImages]));
    expect(health.limits).toMatchObject({ readyTimeoutMs: 10_000, uploadMaxBytes: 64 * 1024 });
    expect(health.buildNetwork).toBe("none");
  });

  it("GET /metrics counts gradings and refusals", async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/grader_gradings_total\{status="pass"\} [1-9]/);
    expect(text).toMatch(/grader_rejected_total\{reason="queue-full"\} [1-9]/);
  });
});
