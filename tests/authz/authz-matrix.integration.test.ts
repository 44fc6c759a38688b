// Who gets what, for every route handler and every data function behind a server action: anonymous, learner,
// instructor and admin, including a learner (or an unrelated instructor) asking for someone else's progress or
// submission — which answers 404, never 403, so nobody learns whether it exists.
//
// Real parts only: the exported route handlers get real Request objects carrying a session cookie signed
// exactly as next-auth signs it (its own encode, same salt), against a real migrated database.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/support/test-db";
import type { Actor } from "@/server/authz";
import { fixturePassword, seedFixture, type Fixture } from "./fixture";

const secret = "authz-matrix-secret-0123456789abcdef0123456789";
process.env.AUTH_SECRET = secret;
delete process.env.AUTH_GITHUB_ID;

type Who = "anonymous" | "learner" | "other" | "instructor" | "admin";
const everyone: Who[] = ["anonymous", "learner", "other", "instructor", "admin"];

let testDb: TestDb;
let fx: Fixture;
let cookies: Record<Who, string>;
let otherSubmissionId: string;
let cohortOfInstructor: string;
let restoreDatabase = () => {};

async function sessionCookie(user: Actor): Promise<string> {
  const { encode } = await import("next-auth/jwt");
  const salt = "authjs.session-token";
  const token = await encode({ token: { sub: user.id, email: user.email, role: user.role, sv: 0, authAt: Math.floor(Date.now() / 1000) }, secret, salt });
  return `${salt}=${token}`;
}

function request(who: Who, path: string, init: { method?: string; body?: unknown } = {}): Request {
  // As a browser sends it from one of our pages: state-changing route handlers check Origin.
  const headers = new Headers({ "content-type": "application/json", origin: "http://127.0.0.1" });
  if (cookies[who]) headers.set("cookie", cookies[who]);
  return new Request(`http://127.0.0.1${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

beforeAll(async () => {
  testDb = await createTestDb();
  fx = await seedFixture(testDb.prisma);
  // The app's db() hands out this database: the handlers run unchanged against it.
  const { replaceDatabase } = await import("@/server/db");
  restoreDatabase = replaceDatabase(testDb.prisma);
  cookies = {
    anonymous: "",
    learner: await sessionCookie(fx.users.learner),
    other: await sessionCookie(fx.users.other),
    instructor: await sessionCookie(fx.users.instructor),
    admin: await sessionCookie(fx.users.admin),
  };
  otherSubmissionId = (await testDb.prisma.submission.create({ data: { userId: fx.users.other.id, exerciseId: fx.exerciseId, status: "FAILED", files: { Dockerfile: "FROM busybox" } } })).id;
  cohortOfInstructor = (await testDb.prisma.cohort.create({ data: { name: "Tuesday group", ownerId: fx.users.instructor.id } })).id;
});

afterAll(async () => {
  restoreDatabase();
  await testDb.close();
});

async function statuses(call: (who: Who) => Promise<Response>): Promise<Record<Who, number>> {
  const out = {} as Record<Who, number>;
  for (const who of everyone) out[who] = (await call(who)).status;
  return out;
}

describe("GET /api/auth/session carries the role", () => {
  it("answers null for visitors and id + current role for each user", async () => {
    // What next-auth's route handler runs: Auth() from @auth/core with our config.
    const { Auth } = await import("@auth/core");
    const { authConfig } = await import("@/server/auth/config");
    const session = async (who: Who) => {
      const response = await Auth(new Request("http://127.0.0.1/api/auth/session", { headers: { cookie: cookies[who] } }), { ...authConfig, basePath: "/api/auth" });
      expect(response.status).toBe(200);
      return (await response.json()) as { user?: { id: string; role: string } } | null;
    };
    expect(await session("anonymous")).toBeNull();
    for (const who of ["learner", "instructor", "admin"] as const) expect((await session(who))?.user).toMatchObject({ id: fx.users[who].id, role: fx.users[who].role });
    // The header's staff links, decided by authz and carried by the session: /instructor for cohorts, /admin for authors.
    const areas = async (who: Who) => ((await session(who)) as { areas?: unknown } | null)?.areas;
    expect(await areas("learner")).toEqual({ admin: false, instructor: false });
    expect(await areas("instructor")).toEqual({ admin: false, instructor: true });
    expect(await areas("admin")).toEqual({ admin: true, instructor: true });
    // The role comes from the database, not the cookie: a promotion shows on the next session check.
    await testDb.prisma.user.update({ where: { id: fx.users.other.id }, data: { role: "INSTRUCTOR" } });
    expect((await session("other"))?.user?.role).toBe("INSTRUCTOR");
    await testDb.prisma.user.update({ where: { id: fx.users.other.id }, data: { role: "LEARNER" } });
  });

  it("treats a cookie signed with another secret as anonymous", async () => {
    const { encode } = await import("next-auth/jwt");
    const forged = await encode({ token: { sub: fx.users.admin.id, role: "ADMIN" }, secret: "not-the-server-secret-0123456789abcdef", salt: "authjs.session-token" });
    const { GET } = await import("@/app/api/me/route");
    const response = await GET(new Request("http://127.0.0.1/api/me", { headers: { cookie: `authjs.session-token=${forged}` } }));
    expect(response.status).toBe(401);
  });
});

describe("progress and quiz routes", () => {
  const mark = () => ({ course: fx.courseSlug, lesson: fx.lessonSlug, kind: "section-read", key: "run-it" });

  it("POST /api/progress: signed-in users only", async () => {
    const { POST } = await import("@/app/api/progress/route");
    expect(await statuses((who) => POST(request(who, "/api/progress", { method: "POST", body: mark() })))).toEqual({ anonymous: 401, learner: 200, other: 200, instructor: 200, admin: 200 });
  });

  it("GET /api/progress: one's own marks only", async () => {
    const { GET } = await import("@/app/api/progress/route");
    expect(await statuses((who) => GET(request(who, `/api/progress?course=${fx.courseSlug}&lesson=${fx.lessonSlug}`)))).toEqual({ anonymous: 401, learner: 200, other: 200, instructor: 200, admin: 200 });
  });

  it("POST /api/progress/merge and /api/progress/quiz-attempts: signed-in users only", async () => {
    const merge = await import("@/app/api/progress/merge/route");
    const attempts = await import("@/app/api/progress/quiz-attempts/route");
    expect(await statuses((who) => merge.POST(request(who, "/api/progress/merge", { method: "POST", body: { lessons: [], attempts: [] } })))).toEqual({ anonymous: 401, learner: 200, other: 200, instructor: 200, admin: 200 });
    expect(
      await statuses((who) => attempts.POST(request(who, "/api/progress/quiz-attempts", { method: "POST", body: { clientId: randomUUID(), course: fx.courseSlug, lesson: fx.lessonSlug, answers: {} } }))),
    ).toEqual({ anonymous: 401, learner: 201, other: 201, instructor: 201, admin: 201 });
  });

  it("GET /api/progress/quiz-attempts: one's own best score only", async () => {
    const { GET } = await import("@/app/api/progress/quiz-attempts/route");
    await testDb.prisma.quizAttempt.create({ data: { userId: fx.users.learner.id, lessonId: fx.lessonId, clientId: randomUUID(), score: 0.75, correct: 3, total: 4, answers: {} } });
    const ask = (who: Who) => GET(request(who, `/api/progress/quiz-attempts?course=${fx.courseSlug}&lesson=${fx.lessonSlug}`));
    expect(await statuses(ask)).toEqual({ anonymous: 401, learner: 200, other: 200, instructor: 200, admin: 200 });
    expect(await (await ask("learner")).json()).toEqual({ best: 0.75 });
    expect((await (await ask("other")).json()) as { best: number | null }).not.toEqual({ best: 0.75 });
  });

  it("GET /api/progress/<learner>: the learner, their cohort's instructor and admins; everyone else 404", async () => {
    const { GET } = await import("@/app/api/progress/[userId]/route");
    const ask = (who: Who) => GET(request(who, `/api/progress/${fx.users.learner.id}`), ctx({ userId: fx.users.learner.id }));
    expect(await statuses(ask)).toEqual({ anonymous: 401, learner: 200, other: 404, instructor: 404, admin: 200 });
    await testDb.prisma.cohortMember.create({ data: { cohortId: cohortOfInstructor, userId: fx.users.learner.id } });
    expect(await statuses(ask)).toEqual({ anonymous: 401, learner: 200, other: 404, instructor: 200, admin: 200 });
    // Not a way to probe for accounts: an unknown id looks the same as someone else's.
    const missing = await GET(request("other", "/api/progress/nobody"), ctx({ userId: "nobody" }));
    expect(missing.status).toBe(404);
  });
});

describe("account routes", () => {
  it("GET /api/me and GET /api/me/export: one's own data only", async () => {
    const me = await import("@/app/api/me/route");
    const exp = await import("@/app/api/me/export/route");
    expect(await statuses((who) => me.GET(request(who, "/api/me")))).toEqual({ anonymous: 401, learner: 200, other: 200, instructor: 200, admin: 200 });
    expect(await statuses((who) => exp.GET(request(who, "/api/me/export")))).toEqual({ anonymous: 401, learner: 200, other: 200, instructor: 200, admin: 200 });
    const response = await exp.GET(request("learner", "/api/me/export"));
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="shipshape-export-\d{4}-\d{2}-\d{2}\.json"$/);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ format: "shipshape-account-export", account: { email: fx.users.learner.email } });
    expect(text).not.toContain(fx.users.other.email);
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("$argon2");
  });

  it("DELETE /api/me: signed-in only, confirmed by the account's own email, removes everything", async () => {
    const { DELETE } = await import("@/app/api/me/route");
    const doomed = await testDb.prisma.user.create({ data: { email: "leaving@example.test" }, select: { id: true, email: true, role: true } });
    await testDb.prisma.progressMark.create({ data: { userId: doomed.id, lessonId: fx.lessonId, kind: "SECTION_READ", key: "run-it" } });
    await testDb.prisma.submission.create({ data: { userId: doomed.id, exerciseId: fx.exerciseId, files: {} } });
    const doomedCookie = await sessionCookie(doomed);
    const del = (cookie: string, confirmEmail: string) =>
      DELETE(new Request("http://127.0.0.1/api/me", { method: "DELETE", headers: { cookie, "content-type": "application/json", origin: "http://127.0.0.1" }, body: JSON.stringify({ confirmEmail }) }));
    expect((await del("", doomed.email)).status).toBe(401);
    expect((await del(doomedCookie, fx.users.learner.email)).status).toBe(422);
    expect((await del(doomedCookie, doomed.email)).status).toBe(204);
    expect(await testDb.prisma.user.count({ where: { id: doomed.id } })).toBe(0);
    expect(await testDb.prisma.progressMark.count({ where: { userId: doomed.id } })).toBe(0);
    expect(await testDb.prisma.submission.count({ where: { userId: doomed.id } })).toBe(0);
    // The old cookie now belongs to nobody.
    expect((await del(doomedCookie, doomed.email)).status).toBe(401);
  });
});

describe("submission and exercise routes", () => {
  it("GET /api/submissions/<id> of another learner: owner, their instructor and admins; everyone else 404", async () => {
    const { GET } = await import("@/app/api/submissions/[id]/route");
    const ask = (who: Who) => GET(request(who, `/api/submissions/${otherSubmissionId}`), ctx({ id: otherSubmissionId }));
    expect(await statuses(ask)).toEqual({ anonymous: 401, learner: 404, other: 200, instructor: 404, admin: 200 });
    await testDb.prisma.cohortMember.create({ data: { cohortId: cohortOfInstructor, userId: fx.users.other.id } });
    expect(await statuses(ask)).toEqual({ anonymous: 401, learner: 404, other: 200, instructor: 200, admin: 200 });
    await testDb.prisma.cohortMember.delete({ where: { cohortId_userId: { cohortId: cohortOfInstructor, userId: fx.users.other.id } } });
  });

  it("GET /api/submissions/<id>/events refuses visitors and strangers before any stream opens", async () => {
    const { GET } = await import("@/app/api/submissions/[id]/events/route");
    const ask = (who: Who) => GET(request(who, `/api/submissions/${otherSubmissionId}/events`), ctx({ id: otherSubmissionId }));
    expect((await ask("anonymous")).status).toBe(401);
    expect((await ask("learner")).status).toBe(404);
    expect((await ask("instructor")).status).toBe(404);
  });

  it("exercise routes need sign-in; the solution stays locked for a learner who has not tried", async () => {
    const submissions = await import("@/app/api/exercises/[slug]/submissions/route");
    const draft = await import("@/app/api/exercises/[slug]/draft/route");
    const solution = await import("@/app/api/exercises/[slug]/solution/route");
    const slug = { slug: fx.exerciseSlug };
    const base = `/api/exercises/${fx.exerciseSlug}`;
    expect(await statuses((who) => submissions.GET(request(who, `${base}/submissions`), ctx(slug)))).toEqual({ anonymous: 401, learner: 200, other: 200, instructor: 200, admin: 200 });
    // An empty body passes authorization and fails validation (422) before anything reaches a grader.
    expect(await statuses((who) => submissions.POST(request(who, `${base}/submissions`, { method: "POST", body: {} }), ctx(slug)))).toEqual({ anonymous: 401, learner: 422, other: 422, instructor: 422, admin: 422 });
    expect(await statuses((who) => draft.PUT(request(who, `${base}/draft`, { method: "PUT", body: { files: { Dockerfile: "FROM busybox\n" } } }), ctx(slug)))).toEqual({ anonymous: 401, learner: 200, other: 200, instructor: 200, admin: 200 });
    expect((await solution.GET(request("anonymous", `${base}/solution`), ctx(slug))).status).toBe(401);
    expect((await solution.GET(request("learner", `${base}/solution`), ctx(slug))).status).toBe(403);
  });
});

describe("instructor routes: a cohort's live overview and exports", () => {
  it("GET overview.json, export.csv (both shapes) and export.json: the cohort's owner and admins; learners 403; another instructor 404", async () => {
    const overview = await import("@/app/instructor/[cohortId]/overview.json/route");
    const csv = await import("@/app/instructor/[cohortId]/export.csv/route");
    const json = await import("@/app/instructor/[cohortId]/export.json/route");
    const stranger = await testDb.prisma.user.create({ data: { email: "stranger-instructor@example.test", role: "INSTRUCTOR" }, select: { id: true, email: true, role: true } });
    const strangerCookie = await sessionCookie(stranger);
    const params = ctx({ cohortId: cohortOfInstructor });
    const base = `/instructor/${cohortOfInstructor}`;
    for (const [handler, path] of [
      [overview.GET, `${base}/overview.json`],
      [csv.GET, `${base}/export.csv`],
      [csv.GET, `${base}/export.csv?shape=long`],
      [json.GET, `${base}/export.json`],
    ] as const) {
      expect(await statuses((who) => handler(request(who, path), params))).toEqual({ anonymous: 401, learner: 403, other: 403, instructor: 200, admin: 200 });
      const asStranger = request("anonymous", path);
      asStranger.headers.set("cookie", strangerCookie);
      expect((await handler(asStranger, params)).status).toBe(404);
    }
    const download = await csv.GET(request("instructor", `${base}/export.csv`), params);
    expect(download.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="tuesday-group-\d{4}-\d{2}-\d{2}\.csv"$/);
  });
});

describe("data functions behind the server actions", () => {
  it("cohorts: instructors and admins manage them; learners may not; instructors see only their own", async () => {
    const { createCohort, changeJoinLink, managedCohort, listMyCohorts, removeCohortMember } = await import("@/server/cohorts/cohorts");
    const { cohortOverview } = await import("@/server/cohorts/overview");
    const { cohortLearner } = await import("@/server/cohorts/learner-detail");
    const { joinCohort } = await import("@/server/cohorts/membership");
    const { sharingStatement } = await import("@/server/cohorts/sharing");
    const p = testDb.prisma;
    await expect(createCohort({ db: p, actor: null }, { name: "x" })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(createCohort({ db: p, actor: fx.users.learner }, { name: "x" })).rejects.toMatchObject({ code: "forbidden" });
    const adminCohort = await createCohort({ db: p, actor: fx.users.admin }, { name: "Admin's group" });
    for (const manage of [
      (actor: Actor | null) => managedCohort({ db: p, actor }, adminCohort.id),
      (actor: Actor | null) => changeJoinLink({ db: p, actor }, { change: "rotate", cohortId: adminCohort.id }),
      (actor: Actor | null) => cohortOverview({ db: p, actor }, adminCohort.id),
      (actor: Actor | null) => cohortLearner({ db: p, actor }, adminCohort.id, fx.users.other.id, null),
      (actor: Actor | null) => removeCohortMember({ db: p, actor }, adminCohort.id, fx.users.other.id),
    ]) {
      await expect(manage(null)).rejects.toMatchObject({ code: "unauthenticated" });
      await expect(manage(fx.users.learner)).rejects.toMatchObject({ code: "forbidden" });
      await expect(manage(fx.users.instructor)).rejects.toMatchObject({ code: "not_found" });
    }
    // Nobody is added by someone else: the learner joins through the link, having seen what is shared.
    const { joinCode } = await managedCohort({ db: p, actor: fx.users.admin }, adminCohort.id);
    await joinCohort({ db: p, actor: fx.users.other }, { code: joinCode, consentVersion: sharingStatement.version });
    expect((await cohortOverview({ db: p, actor: fx.users.admin }, adminCohort.id)).matrix.learners.map((m) => m.user.email)).toEqual([fx.users.other.email]);
    expect((await cohortLearner({ db: p, actor: fx.users.admin }, adminCohort.id, fx.users.other.id, null)).learner.email).toBe(fx.users.other.email);
    // A person who is not a member is "no such learner", even to the admin on this cohort's page.
    await expect(cohortLearner({ db: p, actor: fx.users.admin }, adminCohort.id, fx.users.learner.id, null)).rejects.toMatchObject({ code: "not_found" });
    expect((await listMyCohorts({ db: p, actor: fx.users.instructor })).map((c) => c.id)).toEqual([cohortOfInstructor]);
    expect((await listMyCohorts({ db: p, actor: fx.users.admin })).map((c) => c.id).sort()).toEqual([cohortOfInstructor, adminCohort.id].sort());
    await removeCohortMember({ db: p, actor: fx.users.admin }, adminCohort.id, fx.users.other.id);
    expect((await cohortOverview({ db: p, actor: fx.users.admin }, adminCohort.id)).matrix.learners).toEqual([]);
  });

  it("joining and leaving: one's own choice, signed in, never into one's own cohort", async () => {
    const { changeJoinLink } = await import("@/server/cohorts/cohorts");
    const { joinCohort, joinPreview, leaveCohort, myMemberships } = await import("@/server/cohorts/membership");
    const { sharingStatement } = await import("@/server/cohorts/sharing");
    const p = testDb.prisma;
    // Made before join links existed: the instructor makes one.
    const { joinCode } = await changeJoinLink({ db: p, actor: fx.users.instructor }, { change: "rotate", cohortId: cohortOfInstructor });
    const join = (actor: Actor | null) => joinCohort({ db: p, actor }, { code: joinCode, consentVersion: sharingStatement.version });
    // Anyone holding the link may read what joining means; it names no member.
    const preview = await joinPreview({ db: p, actor: null }, joinCode as string);
    expect(preview).toMatchObject({ cohort: { name: "Tuesday group", instructorEmail: fx.users.instructor.email }, member: false });
    expect(JSON.stringify(preview)).not.toContain(fx.users.learner.email);
    await expect(join(null)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(join(fx.users.instructor)).rejects.toMatchObject({ code: "conflict" });
    await expect(myMemberships({ db: p, actor: null })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(leaveCohort({ db: p, actor: null }, cohortOfInstructor)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(leaveCohort({ db: p, actor: fx.users.admin }, cohortOfInstructor)).rejects.toMatchObject({ code: "not_found" });
  });

  it("account actions: sign-up refuses a taken email; deletion and export need a session", async () => {
    const { registerLearner } = await import("@/server/accounts/credentials");
    const { deleteAccount, exportAccountData } = await import("@/server/accounts/account-data");
    await expect(registerLearner({ db: testDb.prisma }, { email: fx.users.learner.email.toUpperCase(), password: "long enough password" }, "10.1.0.1")).rejects.toMatchObject({ code: "conflict" });
    const created = await registerLearner({ db: testDb.prisma }, { email: "New@Example.test", password: "long enough password" }, "10.1.0.1");
    expect(created).toMatchObject({ email: "new@example.test", role: "LEARNER" });
    await expect(deleteAccount({ db: testDb.prisma, actor: null }, { confirmEmail: "x@example.test" })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(exportAccountData({ db: testDb.prisma, actor: null })).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("sign-in: argon2id hashes, one clear message for a wrong email or password, then a rate limit with minutes", async () => {
    const { authenticate, wrongCredentialsMessage } = await import("@/server/accounts/credentials");
    const stored = await testDb.prisma.user.findUnique({ where: { id: fx.users.admin.id }, select: { passwordHash: true } });
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await authenticate({ db: testDb.prisma }, { email: fx.users.admin.email, password: fixturePassword }, "10.0.0.1")).toMatchObject({ id: fx.users.admin.id, role: "ADMIN" });
    await expect(authenticate({ db: testDb.prisma }, { email: "nobody@example.test", password: "whatever" }, "10.0.0.1")).rejects.toMatchObject({ code: "unauthenticated", message: wrongCredentialsMessage });
    for (let i = 0; i < 5; i++) {
      await expect(authenticate({ db: testDb.prisma }, { email: fx.users.instructor.email, password: "wrong" }, "10.0.0.2")).rejects.toMatchObject({ code: "unauthenticated" });
    }
    // Even the right password waits now from that address: the limit is checked before the password.
    await expect(authenticate({ db: testDb.prisma }, { email: fx.users.instructor.email, password: fixturePassword }, "10.0.0.2")).rejects.toMatchObject({
      code: "rate_limited",
      message: "Too many sign-in attempts. Try again in 15 minutes.",
    });
    // The owner elsewhere is not locked out by someone else's guesses (tests/security has the full story).
    expect(await authenticate({ db: testDb.prisma }, { email: fx.users.instructor.email, password: fixturePassword }, "10.0.0.3")).toMatchObject({ id: fx.users.instructor.id });
    // Other accounts from other addresses are unaffected.
    expect(await authenticate({ db: testDb.prisma }, { email: fx.users.learner.email, password: fixturePassword }, "10.0.0.4")).toMatchObject({ id: fx.users.learner.id });
  });
});
