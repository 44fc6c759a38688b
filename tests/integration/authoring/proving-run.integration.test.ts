// The proving run that gates publishing an exercise (issue 16), on the real grader and engine: an exercise authored
// through the editor's data functions, whose reference passes and starter fails, but whose mistake case "no-user"
// still passes the check it names — publishing is refused naming that case; the case fixed, a new run passes and the
// exercise is published. Every case is a PROVING grading at LOW priority owned by nobody, through the web's dispatcher.
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { ExerciseDraftData } from "@/lib/api/answers";
import { createExercise, exerciseForEditing, proveExercise, publishExercise, saveExerciseDraft } from "@/server/authoring/exercises";
import { provingRunView, startRegressionRun } from "@/server/authoring/proving-runs";
import { asJson } from "@/server/json-value";
import { readExerciseFolder } from "@/grader/files-on-disk";
import { GraderProcess, webDispatcher } from "@/tests/integration/grading/grading-fixture";
import { createTestDb, type TestDb } from "@/tests/support/test-db";

// Next's page cache lives in the Next server, which these calls run without: record the tags instead.
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidateTag: (tag: string) => void revalidated.push(tag) }));

const grader = new GraderProcess(4411, "hsixteenaproving");
let testDb: TestDb;
let admin: { id: string; email: string; role: "ADMIN" };

beforeAll(async () => {
  testDb = await createTestDb();
  const row = await testDb.prisma.user.create({ data: { email: "author@test.local", role: "ADMIN" } });
  admin = { id: row.id, email: row.email, role: "ADMIN" };
  const course = await testDb.prisma.course.create({ data: { slug: "proving", title: "Proving", summary: "s", source: "AUTHORED", learningPath: [], contentHash: "x" } });
  await testDb.prisma.lesson.create({ data: { courseId: course.id, slug: "intro", position: 0, state: "PUBLISHED" } });
  await grader.start();
}, 120_000);

afterAll(async () => {
  await grader.stop();
  await testDb?.close();
});

it("refuses to publish while a mistake case passes its named check, and publishes once a run proves the fix", async () => {
  const ctx = { db: testDb.prisma, actor: admin };
  const web = webDispatcher(testDb.prisma, grader);
  const busybox = await readExerciseFolder(path.resolve("grader/test-fixtures/exercises/busybox-service"));
  await createExercise(ctx, "proving", "intro", { slug: "busy-proof", title: "Busy proof" });
  // user-non-root made required, so a mistake case can be named by it; "no-user" is meant to drop USER but does not.
  const spec = { ...busybox.spec, slug: "busy-proof", checks: busybox.spec.checks.map((c) => (c.id === "user-non-root" ? { ...c, required: true } : c)) };
  const draft: ExerciseDraftData = {
    spec,
    starter: busybox.starter,
    solution: busybox.solution,
    mistakes: { "no-user": busybox.solution },
    expected: {
      starter: { status: "fail", failing: ["expose-matches"] },
      solution: { status: "pass", failing: [] },
      mistakes: { "no-user": { status: "fail", failing: ["user-non-root"], why: "no USER, so the app runs as root" } },
    },
  };
  expect(await saveExerciseDraft(ctx, "busy-proof", draft)).toMatchObject({ number: 2 });

  const { runId: first } = await proveExercise(ctx, "busy-proof", web);
  // A second press while it runs is the same run, not a second set of gradings.
  expect(await proveExercise(ctx, "busy-proof", web)).toEqual({ runId: first });
  await web.idle();
  const failed = await provingRunView(ctx, first);
  expect(failed.cases.map((c) => [c.key, c.status, c.problem])).toEqual([
    ["reference-1", "PASSED", null],
    ["reference-2", "PASSED", null],
    ["starter", "FAILED", null],
    ["mistake:no-user", "PASSED", "mistake case 'no-user' passed user-non-root; it must fail"],
  ]);
  expect(failed.outcome).toBe("failed");
  const gradings = await testDb.prisma.submission.findMany({ where: { provingRunId: first }, select: { kind: true, priority: true, userId: true } });
  expect(gradings).toHaveLength(4);
  expect(new Set(gradings.map((g) => `${g.kind} ${g.priority} ${g.userId}`))).toEqual(new Set(["PROVING LOW null"]));
  await expect(publishExercise(ctx, "busy-proof", { runId: first })).rejects.toThrow("Not published: mistake case 'no-user' passed user-non-root; it must fail.");
  expect((await exerciseForEditing(ctx, "busy-proof")).state).toBe("DRAFT");

  // The case fixed: no USER line. A run of the old revision no longer publishes the new one.
  const noUser = { ...busybox.solution, Dockerfile: (busybox.solution.Dockerfile ?? "").replace(/^USER app\n/m, "") };
  expect(await saveExerciseDraft(ctx, "busy-proof", { ...draft, mistakes: { "no-user": noUser } })).toMatchObject({ number: 3 });
  await expect(publishExercise(ctx, "busy-proof", { runId: first })).rejects.toThrow("This run proved revision 2");
  const { runId: second } = await proveExercise(ctx, "busy-proof", web);
  await web.idle();
  const passed = await provingRunView(ctx, second);
  expect(passed.problems).toEqual([]);
  expect(passed.outcome).toBe("passed");
  expect(await publishExercise(ctx, "busy-proof", { runId: second })).toEqual({ number: 3 });

  const published = await testDb.prisma.exercise.findUniqueOrThrow({ where: { slug: "busy-proof" }, include: { currentRevision: true } });
  expect(published).toMatchObject({ state: "PUBLISHED", mistakes: { "no-user": noUser } });
  expect(published.currentRevision?.number).toBe(3);
  const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { action: "exercise.publish" } });
  expect(audit).toMatchObject({ actorId: admin.id, detail: { exercise: "busy-proof", from: null, to: 3, provingRun: second } });
  expect(revalidated).toContain("course:proving");
  await web.stop();
}, 300_000);

it("re-runs the cases of an exercise as learners have it (a regression run), recording a revision for one that had none", async () => {
  const ctx = { db: testDb.prisma, actor: admin };
  const web = webDispatcher(testDb.prisma, grader);
  const busybox = await readExerciseFolder(path.resolve("grader/test-fixtures/exercises/busybox-service"));
  // As the content sync or an import writes an exercise: a published row, no revision.
  const lesson = await testDb.prisma.lesson.findFirstOrThrow({ where: { slug: "intro" } });
  const spec = { ...busybox.spec, slug: "busy-synced" };
  await testDb.prisma.exercise.create({
    data: { lessonId: lesson.id, slug: "busy-synced", position: 1, title: spec.title, spec: asJson(spec), starter: busybox.starter, solution: busybox.solution, expected: asJson({ starter: { status: "fail", failing: ["expose-matches"] }, solution: { status: "pass" } }), contentHash: "synced-1" },
  });
  const { runId } = await startRegressionRun(ctx, "busy-synced", web);
  await web.idle();
  const run = await provingRunView(ctx, runId);
  expect(run).toMatchObject({ purpose: "REGRESSION", revisionNumber: 1, outcome: "passed", problems: [] });
  expect(run.cases.map((c) => c.key)).toEqual(["reference-1", "reference-2", "starter"]);
  // The same version again reuses the recorded revision; a draft exercise has no regression run.
  const again = await startRegressionRun(ctx, "busy-synced", web);
  await web.idle();
  expect((await provingRunView(ctx, again.runId)).revisionId).toBe(run.revisionId);
  await createExercise(ctx, "proving", "intro", { slug: "busy-draft", title: "Draft" });
  await expect(startRegressionRun(ctx, "busy-draft", web)).rejects.toThrow("never published");
  await web.stop();
}, 300_000);
