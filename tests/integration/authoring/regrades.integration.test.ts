// Regrading learners' latest submissions on the real grader and engine: after a spec change that makes a check
// required, the learner whose image runs as root flips from passed to failed and the report names the check; the
// learner who passes stays unchanged. The originals keep their verdicts (the learners' history stays true), and the
// regrades run as LOW gradings owned by nobody.
import { afterAll, beforeAll, expect, it } from "vitest";
import { asJson } from "@/server/json-value";
import { regradeReport, startRegrade } from "@/server/authoring/regrades";
import { createSubmission, listAttempts } from "@/server/submissions/submission-store";
import { GraderProcess, seedExercise, webDispatcher, type Seeded } from "@/tests/integration/grading/grading-fixture";
import { createTestDb, type TestDb } from "@/tests/support/test-db";

const grader = new GraderProcess(4451, "hsixteenbregrade");
let testDb: TestDb;
let seeded: Seeded;
let rootLearner: string;
let admin: { id: string; email: string; role: "ADMIN" };
const limits = { rateLimit: 100, rateWindowMs: 60_000 };

beforeAll(async () => {
  testDb = await createTestDb();
  seeded = await seedExercise(testDb, "nonroot@test.local");
  rootLearner = (await testDb.prisma.user.create({ data: { email: "root@test.local", name: "Rooty", role: "LEARNER" } })).id;
  const row = await testDb.prisma.user.create({ data: { email: "admin@test.local", role: "ADMIN" } });
  admin = { id: row.id, email: row.email, role: "ADMIN" };
  // The spec as first published: whoami-non-root is not among its checks.
  const spec = { ...seeded.exercise.spec, checks: seeded.exercise.spec.checks.filter((c) => c.id !== "whoami-non-root") };
  await testDb.prisma.exercise.update({ where: { id: seeded.exerciseId }, data: { spec: asJson(spec) } });
  await grader.start();
}, 120_000);

afterAll(async () => {
  await grader.stop();
  await testDb?.close();
});

it("reports the verdict a spec change flips, with the check, and leaves the originals as they were", async () => {
  const ctx = { db: testDb.prisma };
  const web = webDispatcher(testDb.prisma, grader);
  const solution = seeded.exercise.solution;
  const asRoot = { ...solution, Dockerfile: (solution.Dockerfile ?? "").replace(/^USER app$/m, "") };
  const first = await createSubmission(ctx, { userId: seeded.userId, exerciseId: seeded.exerciseId, files: solution }, limits);
  const second = await createSubmission(ctx, { userId: rootLearner, exerciseId: seeded.exerciseId, files: asRoot }, limits);
  await Promise.all([web.dispatch(first.id), web.dispatch(second.id)]);
  const before = await testDb.prisma.submission.findMany({ where: { id: { in: [first.id, second.id] } }, orderBy: { id: "asc" } });
  expect(before.map((s) => s.status)).toEqual(["PASSED", "PASSED"]);

  // The spec changes: running as root now fails the exercise.
  const spec = { ...seeded.exercise.spec, checks: seeded.exercise.spec.checks.map((c) => (c.id === "whoami-non-root" ? { ...c, required: true } : c)) };
  await testDb.prisma.exercise.update({ where: { id: seeded.exerciseId }, data: { spec: asJson(spec), contentHash: "v2" } });

  const slug = (await testDb.prisma.exercise.findUniqueOrThrow({ where: { id: seeded.exerciseId } })).slug;
  const adminCtx = { db: testDb.prisma, actor: admin };
  const started = await startRegrade(adminCtx, slug, web);
  expect(started.gradings).toBe(2);
  // A second press while it runs returns the same regrade.
  expect(await startRegrade(adminCtx, slug, web)).toEqual(started);
  const progress = await regradeReport(adminCtx, started.id);
  expect(progress.finished).toBeLessThan(2);
  await web.idle();

  const report = await regradeReport(adminCtx, started.id);
  expect(report).toMatchObject({ total: 2, finished: 2, requestedBy: "admin@test.local" });
  // The changed row first; each new grading is its own row, never the original's.
  expect(report.rows.map(({ gradingId, flipped, ...row }) => ({ ...row, newGrading: gradingId !== row.originalId, flipped: flipped.map(({ id, before, after }) => ({ id, before, after })) }))).toEqual([
    {
      learner: "Rooty <root@test.local>",
      originalId: second.id,
      newGrading: true,
      before: "PASSED",
      after: "FAILED",
      changed: true,
      flipped: [{ id: "whoami-non-root", before: null, after: "fail" }],
    },
    {
      learner: "nonroot@test.local",
      originalId: first.id,
      newGrading: true,
      before: "PASSED",
      after: "PASSED",
      changed: false,
      flipped: [{ id: "whoami-non-root", before: null, after: "pass" }],
    },
  ]);

  // The learners' history is what it was: the originals keep their verdicts, the regrades belong to nobody.
  const after = await testDb.prisma.submission.findMany({ where: { id: { in: [first.id, second.id] } }, orderBy: { id: "asc" } });
  expect(after.map((s) => [s.status, s.verdict])).toEqual(before.map((s) => [s.status, s.verdict]));
  expect((await listAttempts(ctx, rootLearner, seeded.exerciseId)).map((a) => [a.id, a.status])).toEqual([[second.id, "PASSED"]]);
  const regrades = await testDb.prisma.submission.findMany({ where: { regradeId: started.id }, select: { kind: true, priority: true, userId: true } });
  expect(regrades).toEqual([
    { kind: "REGRADE", priority: "LOW", userId: null },
    { kind: "REGRADE", priority: "LOW", userId: null },
  ]);
  const audit = await testDb.prisma.auditEntry.findMany({ where: { action: "exercise.regrade" } });
  expect(audit).toHaveLength(1);
}, 300_000);

it("refuses learners and instructors, and an exercise nobody has a judged submission of", async () => {
  const web = webDispatcher(testDb.prisma, grader);
  const slug = (await testDb.prisma.exercise.findUniqueOrThrow({ where: { id: seeded.exerciseId } })).slug;
  for (const role of ["LEARNER", "INSTRUCTOR"] as const) {
    await expect(startRegrade({ db: testDb.prisma, actor: { id: seeded.userId, email: "x@test.local", role } }, slug, web)).rejects.toMatchObject({ code: "forbidden" });
  }
  const other = await seedExercise(testDb, "nobody@test.local");
  const otherSlug = (await testDb.prisma.exercise.findUniqueOrThrow({ where: { id: other.exerciseId } })).slug;
  await expect(startRegrade({ db: testDb.prisma, actor: admin }, otherSlug, web)).rejects.toMatchObject({ code: "conflict" });
  await expect(regradeReport({ db: testDb.prisma, actor: admin }, "no-such-regrade")).rejects.toMatchObject({ code: "not_found" });
});
