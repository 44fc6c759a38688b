// The exercise editor's server side through the real route handlers on a real database (issue 16): a draft exercise
// created under an authored lesson, saved as revisions by their author only when they change, refused with the field
// at fault when the grader's schema or the outcomes do not hold, kept from learners until published; built-in
// exercises read-only with their folder, and their mistake cases and outcomes stored by the content sync.
// First: it sets the env the app's modules read when they load.
import { ctx, openSecurityDb, pageRequest, sessionCookie, type SecurityDb } from "@/tests/security/support";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ExerciseEditorData } from "@/lib/api/answers";
import { draftProblems } from "@/lib/authoring/exercise-draft";
import { defaultUploadLimits } from "@/lib/grading/file-rules";
import { loadAllContent } from "@/server/content/load";
import { syncContent } from "@/server/content/sync";
import { findExercise } from "@/server/exercises/exercises";

vi.mock("next/cache", () => ({ revalidateTag: () => undefined }));

let sec: SecurityDb;
let admin: string;
const base = "/api/admin/exercises/typed-up";
const exercise = ctx({ slug: "typed-up" });
const send = (method: string, url: string, body?: unknown) => pageRequest(url, { method, cookie: admin, body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  sec = await openSecurityDb();
  await syncContent({ db: sec.testDb.prisma }, await loadAllContent(path.resolve("content")));
  admin = await sessionCookie(sec.fx.users.admin);
  const course = await sec.testDb.prisma.course.create({ data: { slug: "typing", title: "Typing", summary: "s", source: "AUTHORED", state: "PUBLISHED", learningPath: [], contentHash: "x" } });
  const lesson = await sec.testDb.prisma.lesson.create({ data: { courseId: course.id, slug: "one", position: 0, state: "PUBLISHED" } });
  const revision = await sec.testDb.prisma.lessonRevision.create({ data: { lessonId: lesson.id, number: 1, title: "One", summary: "s", minutes: 1, objectives: [], keyTerms: [], body: "b", contentHash: "h" } });
  await sec.testDb.prisma.lesson.update({ where: { id: lesson.id }, data: { currentRevisionId: revision.id } });
});

afterAll(async () => {
  await sec?.close();
});

async function opened(): Promise<ExerciseEditorData> {
  const { GET } = await import("@/app/api/admin/exercises/[slug]/route");
  const response = await GET(pageRequest(base, { cookie: admin }), exercise);
  expect(response.status).toBe(200);
  return (await response.json()) as ExerciseEditorData;
}

async function save(draft: unknown): Promise<Response> {
  const { PUT } = await import("@/app/api/admin/exercises/[slug]/draft/route");
  return PUT(send("PUT", `${base}/draft`, draft), exercise);
}

describe("the exercise editor", () => {
  it("creates a draft exercise with a first revision that the grader's schema accepts; learners do not see it", async () => {
    const { POST } = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/exercises/route");
    const created = await POST(send("POST", "/api/admin/courses/typing/lessons/one/exercises", { slug: "typed-up", title: "Typed up" }), ctx({ slug: "typing", lesson: "one" }));
    expect(created.status).toBe(201);
    const again = await POST(send("POST", "/api/admin/courses/typing/lessons/one/exercises", { slug: "typed-up", title: "Again" }), ctx({ slug: "typing", lesson: "one" }));
    expect(again.status).toBe(409);
    const data = await opened();
    expect(data).toMatchObject({ state: "DRAFT", contentPath: null, hasDraft: true, course: { editable: true } });
    expect(data.revisions).toEqual([expect.objectContaining({ number: 1, authorEmail: sec.fx.users.admin.email, published: false })]);
    expect(draftProblems(data.draft, defaultUploadLimits)).toEqual([]);
    const db = sec.testDb.prisma;
    await expect(findExercise({ db, actor: sec.fx.users.learner }, "typed-up")).rejects.toThrow('There is no exercise "typed-up".');
    await expect(findExercise({ db, actor: null }, "typed-up")).rejects.toThrow('There is no exercise "typed-up".');
    // Its author may open it as learners will see it (preview as a learner).
    expect((await findExercise({ db, actor: sec.fx.users.admin }, "typed-up")).title).toBe("Typed up");
  });

  it("saves a changed draft as a new revision, and nothing when it did not change", async () => {
    const { draft } = await opened();
    const changed = { ...draft, spec: { ...draft.spec, title: "Typed up again" }, mistakes: { "no-cmd": { Dockerfile: "FROM python:3.11-slim\n" } }, expected: { ...draft.expected, mistakes: { "no-cmd": { status: "fail", failing: ["build"], why: "nothing runs" } } } };
    const first = await save(changed);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ number: 2 });
    expect(await (await save(changed)).json()).toMatchObject({ number: 2 });
    const data = await opened();
    expect(data.draft.spec.title).toBe("Typed up again");
    expect(data.draft.mistakes).toEqual({ "no-cmd": { Dockerfile: "FROM python:3.11-slim\n" } });
    expect(data.revisions.map((r) => r.number)).toEqual([2, 1]);
  });

  it("refuses a draft the grader's schema or the outcomes do not accept, naming the field", async () => {
    const { draft } = await opened();
    const refusal = async (body: unknown) => {
      const response = await save(body);
      expect(response.status).toBe(422);
      return JSON.stringify(await response.json());
    };
    expect(await refusal({ ...draft, spec: { ...draft.spec, checks: [{ id: "no-such-check", required: true, hint: "h" }] } })).toContain("checks");
    expect(await refusal({ ...draft, spec: { ...draft.spec, app: { port: 70000 } } })).toContain("port");
    // A mistake case naming a check the exercise does not run, a case without an outcome, and a passing starter.
    expect(await refusal({ ...draft, expected: { ...draft.expected, mistakes: { "no-cmd": { status: "fail", failing: ["healthy"], why: "w" } } } })).toContain("healthy is not one of this exercise's checks");
    expect(await refusal({ ...draft, expected: { ...draft.expected, mistakes: {} } })).toContain("needs the check it must fail on");
    expect(await refusal({ ...draft, expected: { ...draft.expected, starter: { status: "pass", failing: [] } } })).toContain("the starter must fail");
    expect(await refusal({ ...draft, solution: { "../escape": "x", Dockerfile: "FROM busybox\n" } })).toContain("..");
    // The spec's slug is the exercise's.
    expect((await save({ ...draft, spec: { ...draft.spec, slug: "renamed" } })).status).toBe(422);
    expect((await opened()).revisions).toHaveLength(2);
  });

  it("shows a built-in exercise read-only with its folder, its mistake cases and outcomes from content/, and refuses edits", async () => {
    const { GET } = await import("@/app/api/admin/exercises/[slug]/route");
    const data = (await (await GET(pageRequest("/api/admin/exercises/first-service", { cookie: admin }), ctx({ slug: "first-service" }))).json()) as ExerciseEditorData;
    expect(data).toMatchObject({ contentPath: "content/containers/dockerize-a-service/exercises/first-service/", course: { editable: false }, revisions: [] });
    expect(Object.keys(data.draft.mistakes)).toContain("wrong-port");
    expect(data.draft.expected.mistakes["wrong-port"]).toMatchObject({ status: "fail", failing: ["responds"] });
    const { PUT } = await import("@/app/api/admin/exercises/[slug]/draft/route");
    const response = await PUT(send("PUT", "/api/admin/exercises/first-service/draft", data.draft), ctx({ slug: "first-service" }));
    expect(response.status).toBe(409);
  });
});
