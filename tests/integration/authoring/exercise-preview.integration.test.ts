// "Preview as a learner" of a draft of an exercise learners already have (issue 16), on the real grader and engine:
// the exercise is proved and published, then a draft makes user-non-root required. The same files — the reference
// without its USER line — are graded twice: in the author's preview of the draft they fail on user-non-root (the
// draft's spec was sent), and as a learner's attempt they pass (learners still get the published spec). The preview
// grading is nobody's attempt: owned by nobody, LOW priority, in no proving run, listed only under its revision.
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { verdictSchema } from "@/grader/contract";
import { readExerciseFolder } from "@/grader/files-on-disk";
import type { ExerciseDraftData } from "@/lib/api/answers";
import { exercisePreview, exercisePreviewGradings, gradeExercisePreview } from "@/server/authoring/exercise-preview";
import { createExercise, proveExercise, publishExercise, saveExerciseDraft } from "@/server/authoring/exercises";
import { provingRunView } from "@/server/authoring/proving-runs";
import { findExercise } from "@/server/exercises/exercises";
import { createSubmission, getSubmissionView, listAttempts } from "@/server/submissions/submission-store";
import { GraderProcess, webDispatcher } from "@/tests/integration/grading/grading-fixture";
import { createTestDb, type TestDb } from "@/tests/support/test-db";

// Next's page cache lives in the Next server, which these calls run without (publishing revalidates it).
vi.mock("next/cache", () => ({ revalidateTag: () => undefined }));

const grader = new GraderProcess(4441, "hsixteencpreview");
let testDb: TestDb;
let admin: { id: string; email: string; role: "ADMIN" };
let learner: { id: string; email: string; role: "LEARNER" };

beforeAll(async () => {
  testDb = await createTestDb();
  const a = await testDb.prisma.user.create({ data: { email: "author@test.local", role: "ADMIN" } });
  const l = await testDb.prisma.user.create({ data: { email: "learner@test.local", role: "LEARNER" } });
  admin = { id: a.id, email: a.email, role: "ADMIN" };
  learner = { id: l.id, email: l.email, role: "LEARNER" };
  const course = await testDb.prisma.course.create({ data: { slug: "preview", title: "Preview", summary: "s", source: "AUTHORED", learningPath: [], contentHash: "x" } });
  // A published lesson with a current revision: learners may open its published exercises.
  const lesson = await testDb.prisma.lesson.create({ data: { courseId: course.id, slug: "intro", position: 0, state: "PUBLISHED" } });
  const revision = await testDb.prisma.lessonRevision.create({
    data: { lessonId: lesson.id, number: 1, title: "Intro", summary: "s", minutes: 5, objectives: [], keyTerms: [], body: "Intro.", contentHash: "x" },
  });
  await testDb.prisma.lesson.update({ where: { id: lesson.id }, data: { currentRevisionId: revision.id } });
  await grader.start();
}, 120_000);

afterAll(async () => {
  await grader.stop();
  await testDb?.close();
});

const failedChecks = (verdict: unknown) => verdictSchema.parse(verdict).checks.filter((c) => c.status === "fail").map((c) => `${c.id}${c.required ? " (required)" : ""}`);

it("grades a draft of a published exercise with the draft's spec, while learners keep the published one", async () => {
  const author = { db: testDb.prisma, actor: admin };
  const web = webDispatcher(testDb.prisma, grader);
  const busybox = await readExerciseFolder(path.resolve("grader/test-fixtures/exercises/busybox-service"));
  await createExercise(author, "preview", "intro", { slug: "busy-preview", title: "Busy preview" });
  const published: ExerciseDraftData = {
    spec: { ...busybox.spec, slug: "busy-preview", title: "Busy preview" },
    starter: busybox.starter,
    solution: busybox.solution,
    mistakes: {},
    expected: { starter: { status: "fail", failing: ["expose-matches"] }, solution: { status: "pass", failing: [] }, mistakes: {} },
  };
  await saveExerciseDraft(author, "busy-preview", published);
  const { runId } = await proveExercise(author, "busy-preview", web);
  await web.idle();
  expect((await provingRunView(author, runId)).problems).toEqual([]);
  expect(await publishExercise(author, "busy-preview", { runId })).toEqual({ number: 2 });

  // The draft: user-non-root becomes required, and the title changes.
  const strict = { ...published.spec, title: "Busy preview, non-root", checks: published.spec.checks.map((c) => (c.id === "user-non-root" ? { ...c, required: true } : c)) };
  const { revisionId, number } = await saveExerciseDraft(author, "busy-preview", { ...published, spec: strict });
  expect(number).toBe(3);
  const page = await exercisePreview(author, "busy-preview", revisionId);
  expect(page).toMatchObject({ title: "Busy preview, non-root", starter: busybox.starter, revision: { id: revisionId, number: 3, published: false }, attempts: [] });
  expect(page.spec.checks.find((c) => c.id === "user-non-root")?.required).toBe(true);
  expect(page.task).toContain("<");

  const asRoot = { ...busybox.solution, Dockerfile: (busybox.solution.Dockerfile ?? "").replace(/^USER app\n/m, "") };
  const preview = await gradeExercisePreview(author, "busy-preview", revisionId, { files: asRoot }, web);
  // One preview grading of a revision at a time, as a learner has one grading of an exercise at a time.
  await expect(gradeExercisePreview(author, "busy-preview", revisionId, { files: asRoot }, web)).rejects.toMatchObject({ code: "conflict" });
  await web.idle();
  const previewed = await getSubmissionView(author, preview.id);
  expect(previewed.status).toBe("FAILED");
  expect(failedChecks(previewed.verdict)).toContain("user-non-root (required)");
  expect(await testDb.prisma.submission.findUniqueOrThrow({ where: { id: preview.id }, select: { kind: true, priority: true, userId: true, provingRunId: true, revisionId: true } })).toEqual({
    kind: "PROVING",
    priority: "LOW",
    userId: null,
    provingRunId: null,
    revisionId,
  });
  expect((await exercisePreviewGradings(author, "busy-preview", revisionId)).attempts.map((a) => [a.id, a.status])).toEqual([[preview.id, "FAILED"]]);

  // Learners still get the published revision: its spec on their page, and the same files pass there.
  const asLearner = { db: testDb.prisma, actor: learner };
  const exercise = await findExercise(asLearner, "busy-preview");
  expect(exercise.title).toBe("Busy preview");
  expect(exercise.spec.checks.find((c) => c.id === "user-non-root")?.required).toBe(false);
  const attempt = await createSubmission(asLearner, { userId: learner.id, exerciseId: exercise.id, files: asRoot }, { rateLimit: 10, rateWindowMs: 60_000 });
  await web.dispatch(attempt.id);
  const graded = await getSubmissionView(asLearner, attempt.id);
  expect(graded.status).toBe("PASSED");
  expect(failedChecks(graded.verdict)).toContain("user-non-root");
  expect(failedChecks(graded.verdict)).not.toContain("user-non-root (required)");

  // The preview is no one's attempt: not the author's, not the learner's; a learner cannot open it.
  expect(await listAttempts(author, admin.id, exercise.id)).toEqual([]);
  expect((await listAttempts(asLearner, learner.id, exercise.id)).map((a) => a.id)).toEqual([attempt.id]);
  await expect(getSubmissionView(asLearner, preview.id)).rejects.toMatchObject({ code: "not_found" });
  await expect(gradeExercisePreview(asLearner, "busy-preview", revisionId, { files: asRoot }, web)).rejects.toMatchObject({ code: "forbidden" });
  await web.stop();
}, 300_000);
