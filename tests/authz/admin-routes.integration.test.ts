// The authorization matrix of the admin area's routes (issue 16): anonymous, learner, instructor and admin against
// every /api/admin route, with real Requests carrying session cookies signed as next-auth signs them, on a real
// database. Kept beside authz-matrix.integration.test.ts, which covers the learner-facing routes.
import { ctx, openSecurityDb, pageRequest, sessionCookie, type SecurityDb } from "@/tests/security/support";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Next's page cache lives in the Next server, which these handler calls run without (publishing revalidates it).
vi.mock("next/cache", () => ({ revalidateTag: () => undefined }));

type Who = "anonymous" | "learner" | "instructor" | "admin";
const everyone: Who[] = ["anonymous", "learner", "instructor", "admin"];

let sec: SecurityDb;
let cookies: Record<Who, string | undefined>;

beforeAll(async () => {
  sec = await openSecurityDb();
  const { users } = sec.fx;
  cookies = { anonymous: undefined, learner: await sessionCookie(users.learner), instructor: await sessionCookie(users.instructor), admin: await sessionCookie(users.admin) };
});

afterAll(async () => {
  await sec?.close();
});

async function statuses(call: (cookie: string | undefined) => Promise<Response>): Promise<Record<Who, number>> {
  const out = {} as Record<Who, number>;
  for (const who of everyone) out[who] = (await call(cookies[who])).status;
  return out;
}

const adminOnly = (adminStatus: number) => ({ anonymous: 401, learner: 403, instructor: 403, admin: adminStatus });

describe("users and roles", () => {
  it("GET /api/admin/users: admins only", async () => {
    const { GET } = await import("@/app/api/admin/users/route");
    expect(await statuses((cookie) => GET(pageRequest("/api/admin/users?q=example", { cookie })))).toEqual(adminOnly(200));
  });

  it("POST /api/admin/users/<id>/role: admins only, same origin only", async () => {
    const { POST } = await import("@/app/api/admin/users/[id]/role/route");
    const target = sec.fx.users.other;
    const send = (cookie: string | undefined, headers: Record<string, string> = {}) =>
      POST(pageRequest(`/api/admin/users/${target.id}/role`, { method: "POST", cookie, headers, body: JSON.stringify({ role: "INSTRUCTOR" }) }), ctx({ id: target.id }));
    expect(await statuses((cookie) => send(cookie))).toEqual(adminOnly(200));
    expect((await sec.testDb.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("INSTRUCTOR");
    // A cross-site form post carrying the admin's cookie changes nothing.
    await sec.testDb.prisma.user.update({ where: { id: target.id }, data: { role: "LEARNER" } });
    expect((await send(cookies.admin, { origin: "https://evil.example" })).status).toBe(403);
    expect((await sec.testDb.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("LEARNER");
  });
});

describe("course archives", () => {
  it("GET /api/admin/courses/<slug>/export: content authors only", async () => {
    const { GET } = await import("@/app/api/admin/courses/[slug]/export/route");
    const slug = sec.fx.courseSlug;
    expect(await statuses((cookie) => GET(pageRequest(`/api/admin/courses/${slug}/export`, { cookie }), ctx({ slug })))).toEqual(adminOnly(200));
  });

  it("POST /api/admin/courses/import: content authors only, refused before the body is read", async () => {
    const { POST } = await import("@/app/api/admin/courses/import/route");
    // Not an archive: an admin gets the validation answer (422); everyone else is refused before it is looked at.
    const send = (cookie: string | undefined) => POST(pageRequest("/api/admin/courses/import", { method: "POST", cookie, body: "not an archive", headers: { "content-type": "application/gzip" } }));
    expect(await statuses(send)).toEqual(adminOnly(422));
  });
});


describe("lesson authoring", () => {
  const lesson = ctx({ slug: "authz-course", lesson: "one" });
  const base = "/api/admin/courses/authz-course/lessons/one";
  const json = (cookie: string | undefined, method: string, url: string, body?: unknown) => pageRequest(url, { method, cookie, body: body === undefined ? undefined : JSON.stringify(body) });

  it("POST /api/admin/courses and .../lessons: content authors only", async () => {
    const courses = await import("@/app/api/admin/courses/route");
    const lessons = await import("@/app/api/admin/courses/[slug]/lessons/route");
    // Only the admin's request gets past the permission, so only it creates the course.
    expect(await statuses((cookie) => courses.POST(json(cookie, "POST", "/api/admin/courses", { slug: "authz-course", title: "T", summary: "S" })))).toEqual(adminOnly(201));
    expect(await statuses((cookie) => lessons.POST(json(cookie, "POST", "/api/admin/courses/authz-course/lessons", { slug: "one", title: "One" }), ctx({ slug: "authz-course" })))).toEqual(adminOnly(201));
  });

  it("draft, publish, discard, restore and preview: content authors only", async () => {
    const draft = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/draft/route");
    const publish = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/publish/route");
    const discard = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/discard/route");
    const restore = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/restore/route");
    const preview = await import("@/app/api/admin/preview/lesson/route");
    const frontMatter = { title: "One", summary: "S", minutes: 3, objectives: ["O"], keyTerms: [] };
    expect(await statuses((cookie) => draft.PUT(json(cookie, "PUT", `${base}/draft`, { frontMatter, body: "## One" }), lesson))).toEqual(adminOnly(200));
    expect(await statuses((cookie) => preview.POST(json(cookie, "POST", "/api/admin/preview/lesson", { body: "## One" })))).toEqual(adminOnly(200));
    // A restore of an unknown revision: the admin reaches the lookup (404), nobody else gets that far.
    expect(await statuses((cookie) => restore.POST(json(cookie, "POST", `${base}/restore`, { revisionId: "none" }), lesson))).toEqual(adminOnly(404));
    expect(await statuses((cookie) => publish.POST(json(cookie, "POST", `${base}/publish`), lesson))).toEqual(adminOnly(200));
    expect(await statuses((cookie) => discard.POST(json(cookie, "POST", `${base}/discard`), lesson))).toEqual(adminOnly(200));
  });
});

describe("quiz authoring", () => {
  it("PUT /api/admin/courses/<slug>/lessons/<lesson>/quiz: content authors only", async () => {
    const { PUT } = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/route");
    const yaml = "questions:\n  - { id: q, kind: single, prompt: P, explanation: E, options: [{ id: a, text: A }, { id: b, text: B }], answer: a }\n";
    const send = (cookie: string | undefined) =>
      PUT(pageRequest("/api/admin/courses/authz-course/lessons/one/quiz", { method: "PUT", cookie, body: JSON.stringify({ yaml }) }), ctx({ slug: "authz-course", lesson: "one" }));
    expect(await statuses(send)).toEqual(adminOnly(200));
  });
});

describe("quiz and lesson revisions", () => {
  const lesson = ctx({ slug: "authz-course", lesson: "one" });
  const base = "/api/admin/courses/authz-course/lessons/one";
  const post = (cookie: string | undefined, url: string, body: unknown = {}) => pageRequest(url, { method: "POST", cookie, body: JSON.stringify(body) });

  it("publish, discard, restore and diff a quiz revision, diff a lesson revision: content authors only", async () => {
    const publish = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/publish/route");
    const discard = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/discard/route");
    const restore = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/restore/route");
    const quizDiff = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/quiz/revisions/[revision]/diff/route");
    const lessonDiff = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/revisions/[revision]/diff/route");
    // The quiz test above saved revision 1 as a draft.
    expect(await statuses((cookie) => publish.POST(post(cookie, `${base}/quiz/publish`), lesson))).toEqual(adminOnly(200));
    expect(await statuses((cookie) => discard.POST(post(cookie, `${base}/quiz/discard`), lesson))).toEqual(adminOnly(200));
    expect(await statuses((cookie) => restore.POST(post(cookie, `${base}/quiz/restore`, { revisionId: "none" }), lesson))).toEqual(adminOnly(404));
    const quizRevision = await sec.testDb.prisma.quizRevision.findFirstOrThrow({ where: { lesson: { slug: "one", course: { slug: "authz-course" } } } });
    const lessonRevision = await sec.testDb.prisma.lessonRevision.findFirstOrThrow({ where: { lesson: { slug: "one", course: { slug: "authz-course" } } } });
    const diff = (route: typeof quizDiff, url: string, revision: string) => (cookie: string | undefined) => route.GET(pageRequest(url, { cookie }), ctx({ slug: "authz-course", lesson: "one", revision }));
    expect(await statuses(diff(quizDiff, `${base}/quiz/revisions/${quizRevision.id}/diff`, quizRevision.id))).toEqual(adminOnly(200));
    expect(await statuses(diff(lessonDiff, `${base}/revisions/${lessonRevision.id}/diff`, lessonRevision.id))).toEqual(adminOnly(200));
  });
});

describe("regrades and regression runs", () => {
  const post = (cookie: string | undefined, url: string, body: unknown) => pageRequest(url, { method: "POST", cookie, body: JSON.stringify(body) });

  it("list, start and read regrades, start a regression run: content authors only", async () => {
    const regrades = await import("@/app/api/admin/regrades/route");
    const report = await import("@/app/api/admin/regrades/[id]/route");
    const regression = await import("@/app/api/admin/regression-runs/route");
    const exercise = sec.fx.exerciseSlug;
    expect(await statuses((cookie) => regrades.GET(pageRequest("/api/admin/regrades", { cookie })))).toEqual(adminOnly(200));
    // No learner has a judged submission of it (409 for the admin): no grading is started by this test.
    expect(await statuses((cookie) => regrades.POST(post(cookie, "/api/admin/regrades", { exercise })))).toEqual(adminOnly(409));
    expect(await statuses((cookie) => report.GET(pageRequest("/api/admin/regrades/none", { cookie }), ctx({ id: "none" })))).toEqual(adminOnly(404));
    // An unknown exercise: the admin reaches the lookup (404), nobody else gets that far; no grading is started.
    expect(await statuses((cookie) => regression.POST(post(cookie, "/api/admin/regression-runs", { exercise: "no-such-exercise" })))).toEqual(adminOnly(404));
    // A cross-site post carrying the admin's cookie is refused before anything is looked at.
    expect((await regrades.POST(pageRequest("/api/admin/regrades", { method: "POST", cookie: cookies.admin, headers: { origin: "https://evil.example" }, body: JSON.stringify({ exercise }) }))).status).toBe(403);
  });
});

describe("exercise authoring", () => {
  const json = (cookie: string | undefined, method: string, url: string, body?: unknown) => pageRequest(url, { method, cookie, body: body === undefined ? undefined : JSON.stringify(body) });
  const exercise = ctx({ slug: "authz-exercise" });
  const base = "/api/admin/exercises/authz-exercise";

  it("create, read and save a draft: content authors only", async () => {
    const create = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/exercises/route");
    const read = await import("@/app/api/admin/exercises/[slug]/route");
    const draft = await import("@/app/api/admin/exercises/[slug]/draft/route");
    expect(
      await statuses((cookie) => create.POST(json(cookie, "POST", "/api/admin/courses/authz-course/lessons/one/exercises", { slug: "authz-exercise", title: "E" }), ctx({ slug: "authz-course", lesson: "one" }))),
    ).toEqual(adminOnly(201));
    expect(await statuses((cookie) => read.GET(pageRequest(base, { cookie }), exercise))).toEqual(adminOnly(200));
    const opened = (await (await read.GET(pageRequest(base, { cookie: cookies.admin }), exercise)).json()) as { draft: { spec: { title: string } } };
    const edited = { ...opened.draft, spec: { ...opened.draft.spec, title: "Edited" } };
    expect(await statuses((cookie) => draft.PUT(json(cookie, "PUT", `${base}/draft`, edited), exercise))).toEqual(adminOnly(200));
  });

  it("prove, publish and watch a proving run: content authors only", async () => {
    const prove = await import("@/app/api/admin/exercises/[slug]/proving-runs/route");
    const publish = await import("@/app/api/admin/exercises/[slug]/publish/route");
    const run = await import("@/app/api/admin/proving-runs/[id]/route");
    // A built-in exercise is not proved here (409 for the admin): no grading is started by this test.
    const builtIn = sec.fx.exerciseSlug;
    expect(await statuses((cookie) => prove.POST(json(cookie, "POST", `/api/admin/exercises/${builtIn}/proving-runs`, {}), ctx({ slug: builtIn })))).toEqual(adminOnly(409));
    // An unknown run: the admin reaches the lookup (404), nobody else gets that far.
    expect(await statuses((cookie) => publish.POST(json(cookie, "POST", `${base}/publish`, { runId: "none" }), exercise))).toEqual(adminOnly(404));
    expect(await statuses((cookie) => run.GET(pageRequest("/api/admin/proving-runs/none", { cookie }), ctx({ id: "none" })))).toEqual(adminOnly(404));
  });

  it("preview a revision as a learner (its page's data, its gradings): content authors only; cross-site posts refused", async () => {
    const gradings = await import("@/app/api/admin/exercises/[slug]/revisions/[revision]/gradings/route");
    const { exercisePreview } = await import("@/server/authoring/exercise-preview");
    const revision = await sec.testDb.prisma.exerciseRevision.findFirstOrThrow({ where: { exercise: { slug: "authz-exercise" } }, orderBy: { number: "desc" } });
    const params = ctx({ slug: "authz-exercise", revision: revision.id });
    const url = `${base}/revisions/${revision.id}/gradings`;
    expect(await statuses((cookie) => gradings.GET(pageRequest(url, { cookie }), params))).toEqual(adminOnly(200));
    // Files the upload rules refuse: the admin reaches the check (422), nobody else gets that far; no grading is started.
    expect(await statuses((cookie) => gradings.POST(json(cookie, "POST", url, { files: { "../Dockerfile": "FROM busybox" } }), params))).toEqual(adminOnly(422));
    expect((await gradings.POST(pageRequest(url, { method: "POST", cookie: cookies.admin, headers: { origin: "https://evil.example" }, body: JSON.stringify({ files: { Dockerfile: "FROM busybox" } }) }), params)).status).toBe(403);
    // Another exercise's revision, or none: not found, even to an admin.
    const other = ctx({ slug: sec.fx.exerciseSlug, revision: revision.id });
    expect((await gradings.GET(pageRequest(`/api/admin/exercises/${sec.fx.exerciseSlug}/revisions/${revision.id}/gradings`, { cookie: cookies.admin }), other)).status).toBe(404);
    expect(await sec.testDb.prisma.submission.count({ where: { revisionId: revision.id } })).toBe(0);
    // The preview page's data function asks again.
    const { users } = sec.fx;
    const db = sec.testDb.prisma;
    await expect(exercisePreview({ db, actor: null }, "authz-exercise", revision.id)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(exercisePreview({ db, actor: users.learner }, "authz-exercise", revision.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(exercisePreview({ db, actor: users.instructor }, "authz-exercise", revision.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await exercisePreview({ db, actor: users.admin }, "authz-exercise", revision.id)).toMatchObject({ slug: "authz-exercise", title: "Edited", revision: { id: revision.id, published: false } });
  });

  it("diff, restore and discard an exercise revision: content authors only; cross-site posts refused", async () => {
    const diff = await import("@/app/api/admin/exercises/[slug]/revisions/[revision]/diff/route");
    const restore = await import("@/app/api/admin/exercises/[slug]/restore/route");
    const discard = await import("@/app/api/admin/exercises/[slug]/discard/route");
    const revisions = () => sec.testDb.prisma.exerciseRevision.count({ where: { exercise: { slug: "authz-exercise" } } });
    const first = await sec.testDb.prisma.exerciseRevision.findFirstOrThrow({ where: { exercise: { slug: "authz-exercise" }, number: 1 } });
    const url = `${base}/revisions/${first.id}/diff`;
    expect(await statuses((cookie) => diff.GET(pageRequest(url, { cookie }), ctx({ slug: "authz-exercise", revision: first.id })))).toEqual(adminOnly(200));
    // Only the admin's restore makes a revision; a cross-site one carrying the admin's cookie makes none.
    const before = await revisions();
    expect(await statuses((cookie) => restore.POST(json(cookie, "POST", `${base}/restore`, { revisionId: first.id }), exercise))).toEqual(adminOnly(200));
    expect(await revisions()).toBe(before + 1);
    const crossSite = (route: typeof restore, action: string) =>
      route.POST(pageRequest(`${base}/${action}`, { method: "POST", cookie: cookies.admin, headers: { origin: "https://evil.example" }, body: JSON.stringify({ revisionId: first.id }) }), exercise);
    expect((await crossSite(restore, "restore")).status).toBe(403);
    expect((await crossSite(discard, "discard")).status).toBe(403);
    expect(await revisions()).toBe(before + 1);
    // Never published: the admin reaches the refusal (409), nobody else gets that far.
    expect(await statuses((cookie) => discard.POST(json(cookie, "POST", `${base}/discard`, {}), exercise))).toEqual(adminOnly(409));
  });

  it("a proving run's grading (owned by nobody) is open to content authors only; others cannot tell it exists", async () => {
    const { GET } = await import("@/app/api/submissions/[id]/route");
    const grading = await sec.testDb.prisma.submission.create({ data: { kind: "PROVING", priority: "LOW", exerciseId: sec.fx.exerciseId, files: {}, status: "FAILED" } });
    const id = ctx({ id: grading.id });
    expect(await statuses((cookie) => GET(pageRequest(`/api/submissions/${grading.id}`, { cookie }), id))).toEqual({ anonymous: 401, learner: 404, instructor: 404, admin: 200 });
  });
});
