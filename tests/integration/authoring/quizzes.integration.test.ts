// The quiz editor's server side (issue 16, part 4) through the real route handler on a real database: every
// question kind saved from quiz.yaml text as a draft revision and served to the learner's quiz page once published,
// errors with field and line, the diff of a draft against the published quiz, restore and discard, attempts attached
// to the revision they were made on, built-in courses refused.
import { randomUUID } from "node:crypto";
import { ctx, openSecurityDb, pageRequest, sessionCookie, type SecurityDb } from "@/tests/security/support";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ArchiveIssue, ErrorBody, RevisionDiff } from "@/lib/api/answers";
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

const lessonPath = () => `/api/admin/courses/${sec.fx.courseSlug}/lessons/${sec.fx.lessonSlug}`;
const params = (course = sec.fx.courseSlug) => ctx({ slug: course, lesson: sec.fx.lessonSlug });

const put = async (yaml: string, course = sec.fx.courseSlug) => {
  const { PUT } = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/route");
  return PUT(pageRequest(`/api/admin/courses/${course}/lessons/${sec.fx.lessonSlug}/quiz`, { method: "PUT", cookie: admin, body: JSON.stringify({ yaml }) }), params(course));
};

async function post(action: "publish" | "discard" | "restore", body: unknown = {}) {
  const routes = {
    publish: () => import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/publish/route"),
    discard: () => import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/discard/route"),
    restore: () => import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/restore/route"),
  };
  const { POST } = await routes[action]();
  const response = await POST(pageRequest(`${lessonPath()}/quiz/${action}`, { method: "POST", cookie: admin, body: JSON.stringify(body) }), params());
  return { status: response.status, body: (await response.json()) as unknown };
}

async function diffOf(revisionId: string) {
  const { GET } = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/revisions/[revision]/diff/route");
  const response = await GET(pageRequest(`${lessonPath()}/quiz/revisions/${revisionId}/diff`, { cookie: admin }), ctx({ slug: sec.fx.courseSlug, lesson: sec.fx.lessonSlug, revision: revisionId }));
  return (await response.json()) as RevisionDiff;
}

const [onFirst, onSecond] = [randomUUID(), randomUUID()];
const learnersQuiz = () => loadQuiz({ db: sec.testDb.prisma }, { course: sec.fx.courseSlug, lesson: sec.fx.lessonSlug });
const revisionsOf = async () => (await sec.testDb.prisma.quizRevision.findMany({ orderBy: { number: "asc" }, select: { id: true, number: true } }));

describe("quiz editor", () => {
  it("saves every kind as a draft; publishing serves them to learners, in order", async () => {
    const before = (await learnersQuiz()).questions.map((q) => q.id);
    const response = await put(everyKind);
    expect(await response.json()).toEqual({ number: 1, questions: 4 });
    // A draft: learners still get the questions they had.
    expect((await learnersQuiz()).questions.map((q) => q.id)).toEqual(before);
    expect(await post("publish")).toEqual({ status: 200, body: { number: 1, questions: 4 } });
    const quiz = await learnersQuiz();
    expect(quiz.questions.map((q) => [q.id, q.kind])).toEqual([["pick-one", "single"], ["pick-many", "multiple"], ["in-order", "order"], ["bad-line", "spot-the-line"]]);
    expect(quiz.questions[3]).toMatchObject({ lines: ["FROM python:3.11-slim", "COPY . .", "RUN pip install -r requirements.txt"], answer: 2 });
    expect(quiz.quizRevisionId).toBe((await revisionsOf())[0]?.id);
    expect(revalidated).toContain(`course:${sec.fx.courseSlug}`);
    expect(await sec.testDb.prisma.auditEntry.count({ where: { action: "quiz.publish" } })).toBe(1);
  });

  it("names the field and the line of a mistake, and saves nothing", async () => {
    const response = await put(everyKind.replace("answer: 2", "answer: 7"));
    expect(response.status).toBe(422);
    const issues = ((await response.json()) as ErrorBody).error.details?.issues as ArchiveIssue[];
    expect(issues).toEqual([{ file: "quiz.yaml", field: "questions.3.answer", line: 31, message: "answer must be a line number within lines" }]);
    expect(await revisionsOf()).toHaveLength(1);
    expect((await learnersQuiz()).questions[3]).toMatchObject({ answer: 2 });
  });

  it("diffs a draft against the published quiz, restores an old revision, discards drafts; attempts keep their revision", async () => {
    const published = (await revisionsOf())[0];
    if (!published) throw new Error("the first test publishes revision 1");
    // A learner's attempt on revision 1.
    const { saveQuizAttemptFor } = await import("@/server/quiz/attempts");
    await saveQuizAttemptFor({ db: sec.testDb.prisma }, sec.fx.users.learner.id, { course: sec.fx.courseSlug, lesson: sec.fx.lessonSlug, clientId: onFirst, answers: {} });

    const edited = everyKind.replace("Which instruction sets the default command?", "Which instruction names the default command?");
    expect(await (await put(edited)).json()).toEqual({ number: 2, questions: 4 });
    // Saving the same text again stores nothing new.
    expect(await (await put(edited)).json()).toEqual({ number: 2, questions: 4 });
    const [, draft] = await revisionsOf();
    if (!draft) throw new Error("no draft stored");
    const diff = await diffOf(draft.id);
    expect(diff).toMatchObject({ from: 1, to: 2, added: 1, removed: 1 });
    expect(diff.lines.filter((l) => l.kind !== "same")).toEqual([
      { kind: "removed", text: "    prompt: Which instruction sets the default command?" },
      { kind: "added", text: "    prompt: Which instruction names the default command?" },
    ]);

    expect(await post("publish")).toMatchObject({ status: 200, body: { number: 2 } });
    expect((await learnersQuiz()).questions[0]?.prompt).toBe("Which instruction names the default command?");
    // Restoring revision 1 makes it a new draft (3) with revision 1's text: against the published 2, that one line back.
    expect(await post("restore", { revisionId: published.id })).toEqual({ status: 200, body: { number: 3 } });
    const restored = (await revisionsOf())[2];
    if (!restored) throw new Error("no restored revision");
    expect((await diffOf(restored.id)).lines.filter((l) => l.kind !== "same")).toEqual([
      { kind: "removed", text: "    prompt: Which instruction names the default command?" },
      { kind: "added", text: "    prompt: Which instruction sets the default command?" },
    ]);
    expect(await post("discard")).toEqual({ status: 200, body: { discarded: 1 } });
    expect((await revisionsOf()).map((r) => r.number)).toEqual([1, 2]);
    expect(await post("restore", { revisionId: "no-such-revision" })).toMatchObject({ status: 404 });

    // The attempt stays attached to revision 1, the one its learner took; a new one records revision 2.
    await saveQuizAttemptFor({ db: sec.testDb.prisma }, sec.fx.users.learner.id, { course: sec.fx.courseSlug, lesson: sec.fx.lessonSlug, clientId: onSecond, answers: {} });
    const attempts = await sec.testDb.prisma.quizAttempt.findMany({ where: { clientId: { in: [onFirst, onSecond] } }, orderBy: { createdAt: "asc" }, select: { quizRevisionId: true } });
    expect(attempts).toEqual([{ quizRevisionId: published.id }, { quizRevisionId: draft.id }]);
    expect(await sec.testDb.prisma.auditEntry.count({ where: { action: { in: ["quiz.restore", "quiz.discard"] } } })).toBe(2);
  });

  it("leaves built-in courses to content/", async () => {
    await sec.testDb.prisma.course.update({ where: { slug: sec.fx.courseSlug }, data: { source: "BUILT_IN" } });
    expect((await put(everyKind)).status).toBe(409);
    expect((await post("publish")).status).toBe(409);
    await sec.testDb.prisma.course.update({ where: { slug: sec.fx.courseSlug }, data: { source: "AUTHORED" } });
  });
});
