// The quiz editor's server side (issue 16, part 4) through the real route handler on a real database: every
// question kind saved from quiz.yaml text and served to the learner's quiz page, errors with field and line,
// question ids kept so attempts stay attached, built-in courses refused.
import { ctx, openSecurityDb, pageRequest, sessionCookie, type SecurityDb } from "@/tests/security/support";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ArchiveIssue, ErrorBody } from "@/lib/api/answers";
import { loadQuiz } from "@/server/quiz/questions";

// Next's page cache lives in the Next server, which these handler calls run without: record the tags instead.
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidateTag: (tag: string) => void revalidated.push(tag) }));

let sec: SecurityDb;
let admin: string;

const everyKind = `questions:
  - id: pick-one
    kind: single
    prompt: Which instruction sets the default command?
    options:
      - { id: cmd, text: "\`CMD\`" }
      - { id: run, text: "\`RUN\`" }
    answer: cmd
    explanation: RUN executes at build time; CMD is what the container runs.
  - id: pick-many
    kind: multiple
    prompt: Which belong in .dockerignore?
    options:
      - { id: venv, text: venv/ }
      - { id: git, text: .git/ }
      - { id: app, text: app.py }
    answers: [venv, git]
    explanation: The app itself is needed in the image.
  - id: in-order
    kind: order
    prompt: Order the steps.
    steps:
      - { id: from, text: FROM }
      - { id: deps, text: install dependencies }
      - { id: src, text: copy the source }
    explanation: Dependencies before source keeps the cache.
  - id: bad-line
    kind: spot-the-line
    prompt: Which line breaks the cache?
    lines: ["FROM python:3.11-slim", "COPY . .", "RUN pip install -r requirements.txt"]
    answer: 2
    explanation: Copying everything first invalidates the install on every edit.
`;

beforeAll(async () => {
  sec = await openSecurityDb();
  admin = await sessionCookie(sec.fx.users.admin);
  await sec.testDb.prisma.course.update({ where: { slug: sec.fx.courseSlug }, data: { source: "AUTHORED" } });
});

afterAll(async () => {
  await sec?.close();
});

const put = async (yaml: string, course = sec.fx.courseSlug) => {
  const { PUT } = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/route");
  return PUT(pageRequest(`/api/admin/courses/${course}/lessons/${sec.fx.lessonSlug}/quiz`, { method: "PUT", cookie: admin, body: JSON.stringify({ yaml }) }), ctx({ slug: course, lesson: sec.fx.lessonSlug }));
};

describe("quiz editor", () => {
  it("saves every kind and the learner's quiz page serves them, in order", async () => {
    const response = await put(everyKind);
    expect(await response.json()).toEqual({ questions: 4 });
    const quiz = await loadQuiz({ db: sec.testDb.prisma }, { course: sec.fx.courseSlug, lesson: sec.fx.lessonSlug });
    expect(quiz.questions.map((q) => [q.id, q.kind])).toEqual([["pick-one", "single"], ["pick-many", "multiple"], ["in-order", "order"], ["bad-line", "spot-the-line"]]);
    expect(quiz.questions[3]).toMatchObject({ lines: ["FROM python:3.11-slim", "COPY . .", "RUN pip install -r requirements.txt"], answer: 2 });
    expect(revalidated).toContain(`course:${sec.fx.courseSlug}`);
    expect(await sec.testDb.prisma.auditEntry.count({ where: { action: "quiz.save" } })).toBe(1);
  });

  it("names the field and the line of a mistake, and saves nothing", async () => {
    const response = await put(everyKind.replace("answer: 2", "answer: 7"));
    expect(response.status).toBe(422);
    const issues = ((await response.json()) as ErrorBody).error.details?.issues as ArchiveIssue[];
    expect(issues).toEqual([{ file: "quiz.yaml", field: "questions.3.answer", line: 31, message: "answer must be a line number within lines" }]);
    const quiz = await loadQuiz({ db: sec.testDb.prisma }, { course: sec.fx.courseSlug, lesson: sec.fx.lessonSlug });
    expect(quiz.questions[3]).toMatchObject({ answer: 2 });
  });

  it("leaves built-in courses to content/", async () => {
    await sec.testDb.prisma.course.update({ where: { slug: sec.fx.courseSlug }, data: { source: "BUILT_IN" } });
    expect((await put(everyKind)).status).toBe(409);
    await sec.testDb.prisma.course.update({ where: { slug: sec.fx.courseSlug }, data: { source: "AUTHORED" } });
  });
});
