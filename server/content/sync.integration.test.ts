import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/support/test-db";
import { loadAllContent } from "./load";
import { changedAnything, syncContent } from "./sync";

const contentRoot = path.resolve(import.meta.dirname, "../../content");

describe(`content sync (${process.env.DATABASE_URL ? "postgres" : "pglite"})`, () => {
  let db: TestDb;
  let workDir: string;

  beforeAll(async () => {
    db = await createTestDb();
    workDir = await mkdtemp(path.join(os.tmpdir(), "shipshape-content-"));
    await cp(contentRoot, workDir, { recursive: true });
  });
  afterAll(async () => {
    await db?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("loads the real course into an empty database", async () => {
    const report = await syncContent({ db: db.prisma }, await loadAllContent(workDir));
    expect(report.coursesWritten).toBe(1);
    const lessons = await db.prisma.lesson.findMany({ include: { currentRevision: true }, orderBy: { position: "asc" } });
    expect(lessons.map((l) => l.slug)).toEqual(["dockerize-a-service", "compose-multi-service", "scan-and-sbom-in-ci", "kubernetes-basics"]);
    expect(lessons[0]?.state).toBe("PUBLISHED");
    expect(lessons.slice(1).every((l) => l.state === "OUTLINE")).toBe(true);
    expect(lessons.every((l) => l.currentRevision?.number === 1)).toBe(true);
  });

  it("changes nothing when run a second time", async () => {
    const before = await db.prisma.lessonRevision.findMany({ orderBy: { id: "asc" } });
    const courseBefore = await db.prisma.course.findFirstOrThrow();
    const report = await syncContent({ db: db.prisma }, await loadAllContent(workDir));
    expect(changedAnything(report)).toBe(false);
    expect(report.changedCourses).toEqual([]);
    expect(await db.prisma.lessonRevision.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect((await db.prisma.course.findFirstOrThrow()).updatedAt).toEqual(courseBefore.updatedAt);
  });

  it("stores an edited lesson as a new current revision and keeps the old one", async () => {
    const file = path.join(workDir, "containers/dockerize-a-service/lesson.md");
    const original = await readFile(file, "utf8");
    await writeFile(file, `${original}\n\nA paragraph added by the test.\n`);
    const report = await syncContent({ db: db.prisma }, await loadAllContent(workDir));
    expect(report.revisionsCreated).toBe(1);
    // The course whose pages a running server must revalidate.
    expect(report.changedCourses).toEqual(["containers"]);
    const lesson = await db.prisma.lesson.findFirstOrThrow({
      where: { slug: "dockerize-a-service" },
      include: { currentRevision: true, revisions: true },
    });
    expect(lesson.currentRevision?.number).toBe(2);
    expect(lesson.currentRevision?.body).toContain("A paragraph added by the test.");
    expect(lesson.revisions).toHaveLength(2);
  });

  it("updates a changed quiz question and removes a deleted one", async () => {
    const file = path.join(workDir, "containers/dockerize-a-service/quiz.yaml");
    const { parse, stringify } = await import("yaml");
    const quiz = parse(await readFile(file, "utf8")) as { questions: { id: string; prompt: string }[] };
    const first = quiz.questions[0];
    const last = quiz.questions.at(-1);
    if (!first || !last || first === last) throw new Error("the lesson's quiz needs at least two questions for this test");
    first.prompt = "An edited prompt?";
    // Dropping the last question keeps every other position, so exactly one question is rewritten.
    quiz.questions = quiz.questions.slice(0, -1);
    await writeFile(file, stringify(quiz));
    const report = await syncContent({ db: db.prisma }, await loadAllContent(workDir));
    expect(report.questionsWritten).toBe(1);
    expect(report.questionsRemoved).toBe(1);
    expect((await db.prisma.quizQuestion.findFirstOrThrow({ where: { key: first.id } })).prompt).toBe("An edited prompt?");
    expect(await db.prisma.quizQuestion.count({ where: { key: last.id } })).toBe(0);
  });

  it("unpublishes a lesson dropped from the course without deleting it", async () => {
    const file = path.join(workDir, "containers/course.yaml");
    const { parse, stringify } = await import("yaml");
    const course = parse(await readFile(file, "utf8")) as { lessons: string[]; learningPath: { lesson: string }[] };
    course.lessons = course.lessons.filter((l) => l !== "kubernetes-basics");
    course.learningPath = course.learningPath.filter((s) => s.lesson !== "kubernetes-basics");
    await writeFile(file, stringify(course));
    const report = await syncContent({ db: db.prisma }, await loadAllContent(workDir));
    expect(report.lessonsUnpublished).toBe(1);
    expect((await db.prisma.lesson.findFirstOrThrow({ where: { slug: "kubernetes-basics" } })).state).toBe("DRAFT");
  });
});
