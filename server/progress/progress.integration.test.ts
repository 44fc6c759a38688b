// Progress and quiz writes on a real database (PGlite here, PostgreSQL when DATABASE_URL is set).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/support/test-db";
import { fixtureChecklist, fixtureSections, seedFixture, type Fixture } from "@/tests/authz/fixture";
import { emptyReport, syncQuiz } from "@/server/content/sync";
import { saveQuizAttempt } from "@/server/quiz/attempts";
import { loadQuiz } from "@/server/quiz/questions";
import { mergeAnonymousProgress, myLessonMarks, setProgressMark } from "./marks";
import { progressOverview } from "./summary";

let testDb: TestDb;
let fx: Fixture;

beforeAll(async () => {
  testDb = await createTestDb();
  fx = await seedFixture(testDb.prisma);
});
afterAll(async () => {
  await testDb.close();
});

const rightAnswers = { "image-or-container": { kind: "single", choice: "container" }, "build-order": { kind: "order", order: ["from", "deps", "src"] } } as const;

describe("progress writes", () => {
  it("stores a mark once, however often it is sent, and removes it on untick", async () => {
    const me = fx.users.learner;
    const mark = { course: fx.courseSlug, lesson: fx.lessonSlug, kind: "checklist-item", key: fixtureChecklist[0] };
    expect(await setProgressMark({ db: testDb.prisma, actor: me }, mark)).toEqual({ changed: true });
    expect(await setProgressMark({ db: testDb.prisma, actor: me }, mark)).toEqual({ changed: false });
    expect((await myLessonMarks({ db: testDb.prisma, actor: me }, { course: fx.courseSlug, lesson: fx.lessonSlug })).checklist).toEqual([fixtureChecklist[0]]);
    expect(await setProgressMark({ db: testDb.prisma, actor: me }, { ...mark, done: false })).toEqual({ changed: true });
    expect((await myLessonMarks({ db: testDb.prisma, actor: me }, { course: fx.courseSlug, lesson: fx.lessonSlug })).checklist).toEqual([]);
  });

  it("refuses anonymous writes, draft lessons and malformed input", async () => {
    const mark = { course: fx.courseSlug, lesson: fx.lessonSlug, kind: "section-read", key: "run-it" };
    await expect(setProgressMark({ db: testDb.prisma, actor: null }, mark)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(setProgressMark({ db: testDb.prisma, actor: fx.users.learner }, { ...mark, lesson: fx.draftSlug })).rejects.toMatchObject({ code: "not_found" });
    await expect(setProgressMark({ db: testDb.prisma, actor: fx.users.learner }, { ...mark, kind: "bogus" })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("re-scores quiz attempts on the server and stores each clientId once per person", async () => {
    const me = fx.users.other;
    const attempt = { clientId: randomUUID(), course: fx.courseSlug, lesson: fx.lessonSlug, answers: { ...rightAnswers, "build-order": { kind: "order", order: ["deps", "from", "src"] } } };
    expect(await saveQuizAttempt({ db: testDb.prisma, actor: me }, attempt)).toMatchObject({ score: 0.5, correct: 1, total: 2, created: true });
    expect(await saveQuizAttempt({ db: testDb.prisma, actor: me }, attempt)).toMatchObject({ created: false });
    expect(await testDb.prisma.quizAttempt.count({ where: { userId: me.id } })).toBe(1);
    // The same clientId from another person is their own attempt: a collision never drops it, nor touches the first.
    expect(await saveQuizAttempt({ db: testDb.prisma, actor: fx.users.admin }, attempt)).toMatchObject({ created: true });
    expect(await testDb.prisma.quizAttempt.count({ where: { userId: fx.users.admin.id } })).toBe(1);
    expect(await testDb.prisma.quizAttempt.count({ where: { userId: me.id } })).toBe(1);
  });
});

describe("a finished quick test", () => {
  it("is stored at the time it was finished, with the answers it was scored on", async () => {
    const me = fx.users.learner;
    const finishedAt = new Date(Date.now() - 90_000);
    const attempt = { clientId: randomUUID(), course: fx.courseSlug, lesson: fx.lessonSlug, answers: { ...rightAnswers, "not-a-question": { kind: "single", choice: "x" } }, finishedAt: finishedAt.toISOString() };
    expect(await saveQuizAttempt({ db: testDb.prisma, actor: me }, attempt)).toMatchObject({ score: 1, correct: 2, total: 2, created: true });
    const stored = await testDb.prisma.quizAttempt.findFirstOrThrow({ where: { userId: me.id, clientId: attempt.clientId } });
    expect(stored).toMatchObject({ lessonId: fx.lessonId, score: 1, correct: 2, total: 2, answers: rightAnswers });
    expect(stored.createdAt.toISOString()).toBe(finishedAt.toISOString());
  });

  it("is scored against questions written a moment ago, not the ones scored with before", async () => {
    const ctx = { db: testDb.prisma, actor: fx.users.learner };
    const lesson = { course: fx.courseSlug, lesson: fx.lessonSlug };
    expect(await saveQuizAttempt(ctx, { clientId: randomUUID(), ...lesson, answers: rightAnswers })).toMatchObject({ score: 1 });
    // An author moves the right answer; every sync and quiz publish writes questions through syncQuiz.
    const quiz = await loadQuiz(ctx, lesson);
    const moved = quiz.questions.map((q) => (q.id === "image-or-container" && q.kind === "single" ? { ...q, answer: "image" } : q));
    await testDb.prisma.$transaction((tx) => syncQuiz(tx, quiz.lessonId, moved, emptyReport()));
    try {
      expect(await saveQuizAttempt(ctx, { clientId: randomUUID(), ...lesson, answers: rightAnswers })).toMatchObject({ score: 0.5, correct: 1 });
    } finally {
      await testDb.prisma.$transaction((tx) => syncQuiz(tx, quiz.lessonId, quiz.questions, emptyReport()));
    }
  });
});

describe("merging anonymous progress at sign-in", () => {
  it("adds everything once; merging again changes nothing and counts nothing twice", async () => {
    const { prisma } = testDb;
    const me = await prisma.user.create({ data: { email: "merger@example.test" }, select: { id: true, email: true, role: true } });
    // Already in the account before the merge: one section and one attempt.
    await setProgressMark({ db: prisma, actor: me }, { course: fx.courseSlug, lesson: fx.lessonSlug, kind: "section-read", key: fixtureSections[0] });
    const earlier = { clientId: randomUUID(), course: fx.courseSlug, lesson: fx.lessonSlug, answers: {} };
    await saveQuizAttempt({ db: prisma, actor: me }, earlier);

    const browser = {
      lessons: [
        { course: fx.courseSlug, lesson: fx.lessonSlug, sectionsRead: [...fixtureSections], checklist: [fixtureChecklist[1]] },
        { course: fx.courseSlug, lesson: fx.draftSlug, sectionsRead: ["draft"], checklist: [] },
      ],
      attempts: [earlier, { clientId: randomUUID(), course: fx.courseSlug, lesson: fx.lessonSlug, answers: rightAnswers }],
    };
    expect(await mergeAnonymousProgress({ db: prisma, actor: me }, browser)).toEqual({ marksAdded: 3, attemptsAdded: 1, skipped: 1 });
    const snapshot = async () => ({
      marks: await prisma.progressMark.findMany({ where: { userId: me.id }, select: { kind: true, key: true }, orderBy: [{ kind: "asc" }, { key: "asc" }] }),
      attempts: await prisma.quizAttempt.findMany({ where: { userId: me.id }, select: { clientId: true, score: true }, orderBy: { clientId: "asc" } }),
    });
    const after = await snapshot();
    expect(after.marks).toHaveLength(4);
    expect(after.attempts).toHaveLength(2);

    expect(await mergeAnonymousProgress({ db: prisma, actor: me }, browser)).toEqual({ marksAdded: 0, attemptsAdded: 0, skipped: 1 });
    expect(await snapshot()).toEqual(after);

    const overview = await progressOverview({ db: prisma, actor: me }, me.id);
    const lesson = overview.lessons.find((l) => l.lesson.slug === fx.lessonSlug);
    expect(lesson).toMatchObject({ sections: { read: 3, total: 3 }, checklist: { done: 1, total: 2 }, quiz: { questions: 2, attempts: 2, best: 1 }, exercises: { passed: 0, total: 1 } });
    expect(lesson?.completion).toBeCloseTo((1 + 0.5 + 1 + 0) / 4);
    expect(lesson?.next).toEqual({ label: "Pass the exercise “Demo exercise”", href: `/learn/${fx.courseSlug}/${fx.lessonSlug}/exercises/${fx.exerciseSlug}` });
    expect(overview.lessons.map((l) => l.lesson.slug)).not.toContain(fx.draftSlug);
  });

  it("counts a passed exercise from its submissions", async () => {
    const me = fx.users.instructor;
    await testDb.prisma.submission.createMany({
      data: [
        { userId: me.id, exerciseId: fx.exerciseId, status: "FAILED", files: {} },
        { userId: me.id, exerciseId: fx.exerciseId, status: "PASSED", files: {} },
        { userId: me.id, exerciseId: fx.exerciseId, status: "PASSED", files: {} },
      ],
    });
    const lesson = (await progressOverview({ db: testDb.prisma, actor: me }, me.id)).lessons.find((l) => l.lesson.slug === fx.lessonSlug);
    expect(lesson?.exercises).toEqual({ passed: 1, total: 1 });
  });
});
