// A lesson image missing on the engine is our fault: the grading ends "not gradable" after one retry of its own,
// with a reason the learner can act on, and costs the learner nothing — attempt numbers, the solution's unlock and
// the rate limit are unchanged. Nothing is pulled: the image's name points at a registry on a loopback port this
// test listens on, which must record no request (were the grader to let the engine pull, it would land there).
// The shared lesson images are never touched: the test offers its own tag of the test base image and removes that.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTestBaseImage, requireEngine, testBaseImage, testDocker } from "@/grader/test-support/test-base-image";
import { AppError } from "@/server/errors";
import { referenceSolution } from "@/server/exercises/exercises";
import { createSubmission, eventsAfter, listAttempts } from "@/server/submissions/submission-store";
import { attemptNumbers } from "@/lib/grading/submission-status";
import type { TestDb } from "@/tests/support/test-db";
import { createTestDb, GraderProcess, seedExercise, webDispatcher, type Seeded } from "./grading-fixture";

const registryPort = 4390;
const lessonImage = `127.0.0.1:${registryPort}/nlesson/busybox:dev`;
const grader = new GraderProcess(4374, "nmissing", { GRADER_OFFERED_IMAGES: `${lessonImage},${testBaseImage}` });
const requests: string[] = [];
const registry = http.createServer((req, res) => {
  requests.push(`${req.method} ${req.url}`);
  res.writeHead(404).end();
});
let testDb: TestDb;
let seeded: Seeded;

function onLessonImage(files: Record<string, string>): Record<string, string> {
  return { ...files, Dockerfile: (files.Dockerfile ?? "").replace(/^FROM .*$/m, `FROM ${lessonImage}`) };
}

async function grade(files: Record<string, string>, limits = { rateLimit: 100, rateWindowMs: 600_000 }): Promise<string> {
  const web = webDispatcher(testDb.prisma, grader);
  const { id } = await createSubmission({ db: testDb.prisma }, { userId: seeded.userId, exerciseId: seeded.exerciseId, files }, limits);
  await web.dispatch(id);
  return id;
}

async function unlockRefusal(): Promise<string> {
  const actor = { id: seeded.userId, email: "missing@test.local", role: "LEARNER" as const };
  const refused = await referenceSolution({ db: testDb.prisma, actor: actor }, seeded.exerciseId).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(refused instanceof AppError)) throw new Error("the reference solution opened");
  return refused.message;
}

beforeAll(async () => {
  await new Promise<void>((resolve) => registry.listen(registryPort, "127.0.0.1", resolve));
  const docker = await requireEngine();
  await ensureTestBaseImage(docker);
  await docker.getImage(testBaseImage).tag({ repo: lessonImage.slice(0, lessonImage.lastIndexOf(":")), tag: "dev" });
  testDb = await createTestDb();
  seeded = await seedExercise(testDb, "missing@test.local");
  await grader.start();
}, 120_000);

afterAll(async () => {
  await grader.stop();
  await testDb?.close();
  await testDocker().getImage(lessonImage).remove().catch(() => undefined);
  await new Promise((resolve) => registry.close(resolve));
});

describe("a lesson image missing on the engine", () => {
  it("ends not gradable with the reason, retried once, and counts for nothing", async () => {
    // Two counted attempts while the image is there: a pass and a fail.
    const passed = await grade(onLessonImage(seeded.exercise.solution));
    const failed = await grade(onLessonImage(seeded.exercise.starter));
    const before = await testDb.prisma.submission.findMany({ where: { id: { in: [passed, failed] } }, select: { status: true, verdict: true } });
    // The verdicts ride along in the message: a surprise here is then explained by the checks that decided it.
    expect(before.map((s) => s.status).sort(), JSON.stringify(before.map((s) => s.verdict))).toEqual(["FAILED", "PASSED"]);
    const unlockBefore = await unlockRefusal();
    expect(unlockBefore).toMatch(/you have 1\b/);

    await testDocker().getImage(lessonImage).remove();
    const lost = await grade(onLessonImage(seeded.exercise.solution));

    const row = await testDb.prisma.submission.findUniqueOrThrow({ where: { id: lost } });
    expect(row.status).toBe("NOT_GRADABLE");
    // Graded once more by itself before giving up.
    expect(row.dispatches).toBe(2);
    const events = await eventsAfter({ db: testDb.prisma }, lost, 0);
    expect(events.filter((e) => e.event.type === "restart")).toHaveLength(1);
    const last = events.at(-1)?.event;
    expect(last?.type === "verdict" && last.verdict.status).toBe("error");
    expect(last?.type === "verdict" && last.verdict.message).toMatch(/127\.0\.0\.1:4390\/nlesson\/busybox:dev.*missing on the grading engine/);

    // Not counted: the numbers skip it, the unlock count is unchanged, and the rate limit does not see it
    // (3 allowed in the window: the pass, the fail and this one; the not-gradable one leaves room).
    const attempts = await listAttempts({ db: testDb.prisma }, seeded.userId, seeded.exerciseId);
    expect(attemptNumbers(attempts)).toEqual([null, 2, 1]);
    expect(await unlockRefusal()).toBe(unlockBefore);
    const next = await grade(onLessonImage(seeded.exercise.starter), { rateLimit: 3, rateWindowMs: 600_000 });
    expect((await testDb.prisma.submission.findUniqueOrThrow({ where: { id: next } })).status).toBe("NOT_GRADABLE");

    // Nothing was pulled: the registry the name points at heard nothing, and the engine still lacks the image.
    expect(requests).toEqual([]);
    expect(await testDocker().getImage(lessonImage).inspect().then(() => true, () => false)).toBe(false);
  }, 240_000);
});
