// Cohorts against a real migrated database (PGlite, and PostgreSQL when DATABASE_URL is set): joining only with
// consent through the link, what an instructor may see and stops seeing when a learner leaves, the matrix and its
// stuck flags, mistake clusters, and the exports read back by a CSV parser.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/server/context";
import { seedFixture, type Fixture } from "@/tests/authz/fixture";
import { createTestDb, type TestDb } from "@/tests/support/test-db";
import { changeJoinLink, createCohort, managedCohort } from "@/server/cohorts/cohorts";
import { joinCohort, joinPreview, leaveCohort, myMemberships } from "@/server/cohorts/membership";
import { cohortMatrix } from "@/server/cohorts/matrix";
import { cohortClusters } from "@/server/cohorts/clusters";
import { cohortCsv, cohortJson } from "@/server/cohorts/exports";
import { sharingStatement } from "@/server/cohorts/sharing";
import { progressOverview } from "@/server/progress/summary";
import { mistakes, storeGrading, verdictFailingAt } from "./verdicts";

let testDb: TestDb;
let fx: Fixture;
const as = (who: keyof Fixture["users"]) => ({ db: testDb.prisma, actor: fx.users[who] });
const consent = sharingStatement.version;

beforeAll(async () => {
  testDb = await createTestDb();
  fx = await seedFixture(testDb.prisma);
});

afterAll(async () => {
  await testDb.close();
});

async function newCohort(name: string) {
  const { id } = await createCohort(as("instructor"), { name });
  const { joinCode } = await managedCohort(as("instructor"), id);
  if (!joinCode) throw new Error("a new cohort has a join link");
  return { id, code: joinCode };
}

describe("joining with consent", () => {
  it("shows the cohort, its instructor and what is shared, then joins only with the statement's version", async () => {
    const { id, code } = await newCohort("Consent group");
    const preview = await joinPreview({ db: testDb.prisma, actor: null }, code);
    expect(preview).toMatchObject({ cohort: { name: "Consent group", instructorEmail: fx.users.instructor.email }, expired: false, member: false, sharing: { version: consent } });
    expect(preview.sharing.items.join(" ")).toMatch(/submission/i);
    // Anonymous visitors sign in first; an old page (another statement) is asked again; the owner cannot join.
    await expect(joinCohort({ db: testDb.prisma, actor: null }, { code, consentVersion: consent })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(joinCohort(as("learner"), { code, consentVersion: consent + 1 })).rejects.toMatchObject({ code: "conflict" });
    await expect(joinCohort(as("instructor"), { code, consentVersion: consent })).rejects.toMatchObject({ code: "conflict" });
    await expect(joinCohort(as("learner"), { code: "not-a-code-at-all-xx", consentVersion: consent })).rejects.toMatchObject({ code: "not_found" });
    await joinCohort(as("learner"), { code, consentVersion: consent });
    await joinCohort(as("learner"), { code, consentVersion: consent });
    expect((await joinPreview(as("learner"), code)).member).toBe(true);
    expect(await myMemberships(as("learner"))).toEqual([expect.objectContaining({ cohortId: id, name: "Consent group" })]);
    const stored = await testDb.prisma.cohortMember.findUniqueOrThrow({ where: { cohortId_userId: { cohortId: id, userId: fx.users.learner.id } } });
    expect(stored.consentVersion).toBe(consent);
  });

  it("rotating replaces the link, disabling stops it, an expired link admits nobody; members stay", async () => {
    const { id, code } = await newCohort("Link group");
    await joinCohort(as("other"), { code, consentVersion: consent });
    const rotated = await changeJoinLink(as("instructor"), { change: "rotate", cohortId: id });
    expect(rotated.joinCode).not.toBe(code);
    await expect(joinPreview(as("learner"), code)).rejects.toMatchObject({ code: "not_found" });
    await changeJoinLink(as("instructor"), { change: "expiry", cohortId: id, expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await joinPreview(as("learner"), rotated.joinCode as string)).expired).toBe(true);
    await expect(joinCohort(as("learner"), { code: rotated.joinCode, consentVersion: consent })).rejects.toMatchObject({ code: "not_found" });
    await changeJoinLink(as("instructor"), { change: "expiry", cohortId: id, expiresAt: null });
    await changeJoinLink(as("instructor"), { change: "disable", cohortId: id });
    await expect(joinCohort(as("learner"), { code: rotated.joinCode, consentVersion: consent })).rejects.toMatchObject({ code: "not_found" });
    expect((await cohortMatrix(as("instructor"), id)).learners.map((l) => l.user.email)).toEqual([fx.users.other.email]);
    // Only the cohort's manager changes its link.
    const anotherInstructor = { id: "someone-else", email: "someone-else@example.test", role: "INSTRUCTOR" as const };
    await expect(changeJoinLink({ db: testDb.prisma, actor: anotherInstructor }, { change: "rotate", cohortId: id })).rejects.toMatchObject({ code: "not_found" });
    await expect(changeJoinLink(as("learner"), { change: "rotate", cohortId: id })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("an instructor cannot see a non-member; leaving hides the learner at once", async () => {
    const { id, code } = await newCohort("Leaving group");
    await expect(progressOverview(as("instructor"), fx.users.other.id)).resolves.toBeDefined();
    const fresh = await testDb.prisma.user.create({ data: { email: "fresh@example.test" }, select: { id: true, email: true, role: true } });
    const freshCtx = { db: testDb.prisma, actor: fresh };
    await expect(progressOverview(as("instructor"), fresh.id)).rejects.toMatchObject({ code: "not_found" });
    await joinCohort(freshCtx, { code, consentVersion: consent });
    await storeGrading(testDb.prisma, fresh.id, fx.exerciseId, verdictFailingAt(mistakes.exits(1)), new Date());
    await expect(progressOverview(as("instructor"), fresh.id)).resolves.toBeDefined();
    expect((await cohortMatrix(as("instructor"), id)).learners.map((l) => l.user.email)).toEqual([fresh.email]);
    expect((await cohortClusters(as("instructor"), id))[0]?.attempted).toBe(1);
    await leaveCohort(freshCtx, id);
    await expect(progressOverview(as("instructor"), fresh.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await cohortMatrix(as("instructor"), id)).learners).toEqual([]);
    expect((await cohortClusters(as("instructor"), id))[0]?.attempted).toBe(0);
    expect((await cohortCsv(as("instructor"), id, "wide")).body).not.toContain(fresh.email);
    await expect(leaveCohort(freshCtx, id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("matrix, clusters and exports of one cohort", () => {
  let cohortId: string;
  const learners: { id: string; email: string; role: "LEARNER" }[] = [];
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

  beforeAll(async () => {
    const { id, code } = await newCohort("Clusters group");
    cohortId = id;
    for (let i = 0; i < 7; i++) {
      const user = await testDb.prisma.user.create({ data: { email: `c${i}@example.test`, name: `Learner ${i}` }, select: { id: true, email: true, role: true } });
      learners.push(user as (typeof learners)[number]);
      await joinCohort({ db: testDb.prisma, actor: user }, { code, consentVersion: consent });
    }
    const [a, b, c, d, e, f] = learners.map((l) => l.id) as [string, string, string, string, string, string, string];
    const grade = (user: string, failing: Parameters<typeof verdictFailingAt>[0], at: number) => storeGrading(testDb.prisma, user, fx.exerciseId, verdictFailingAt(failing), minutesAgo(at));
    // a, b, c: latest attempt fails the build on the pip step (line numbers differ: one signature); a three times in a row.
    await grade(a, mistakes.pipMissing(3), 30);
    await grade(a, mistakes.pipMissing(4), 20);
    await grade(a, mistakes.pipMissing(3), 10);
    await grade(b, mistakes.pipMissing(5), 10);
    await grade(c, mistakes.exits(1), 20);
    await grade(c, mistakes.pipMissing(3), 10);
    // d: the build fails on a COPY (same check, another signature); e: the container exits; f: failed, then passed.
    await grade(d, mistakes.copyMissing(), 10);
    await grade(e, mistakes.exits(1), 10);
    await grade(f, mistakes.exits(1), 20);
    await grade(f, null, 5);
    // Not gradable (ours) is never an attempt; a reference grading belongs to nobody.
    await testDb.prisma.submission.create({ data: { userId: e, exerciseId: fx.exerciseId, status: "NOT_GRADABLE", files: {}, createdAt: minutesAgo(1) } });
    await testDb.prisma.progressMark.create({ data: { userId: f, lessonId: fx.lessonId, kind: "SECTION_READ", key: "why-containers" } });
    // The seventh learner did nothing for eight days since joining.
    await testDb.prisma.cohortMember.update({ where: { cohortId_userId: { cohortId, userId: learners[6]?.id as string } }, data: { joinedAt: new Date(Date.now() - 8 * 86_400_000) } });
  });

  it("the matrix: cells per exercise, stuck flags, the summary row", async () => {
    const matrix = await cohortMatrix(as("instructor"), cohortId);
    const row = (i: number) => matrix.learners.find((l) => l.user.id === learners[i]?.id);
    expect(row(0)?.exercises[fx.exerciseSlug]).toMatchObject({ state: "failing", attempts: 3, failingCheck: "build" });
    expect(row(0)?.stuck).toEqual([expect.objectContaining({ kind: "repeating-failure", exerciseSlug: fx.exerciseSlug, check: "build" })]);
    // c failed twice, on two different checks: not stuck.
    expect(row(2)?.stuck).toEqual([]);
    expect(row(4)?.exercises[fx.exerciseSlug]).toMatchObject({ state: "failing", attempts: 1, failingCheck: "starts" });
    expect(row(5)?.exercises[fx.exerciseSlug]).toMatchObject({ state: "passed", attempts: 2, failingCheck: null });
    expect(row(5)?.lessons[0]).toMatchObject({ lessonSlug: fx.lessonSlug, sectionsRead: 1 });
    expect(row(6)?.exercises[fx.exerciseSlug]?.state).toBe("not-started");
    expect(row(6)?.stuck).toEqual([expect.objectContaining({ kind: "idle" })]);
    expect(matrix.summary.exercises[fx.exerciseSlug]).toEqual({ passed: 1, failing: 5, notStarted: 1 });
    expect(matrix.summary.stuck).toBe(2);
    // The learner's own progress page counts the same completion.
    const own = await progressOverview({ db: testDb.prisma, actor: learners[5] ?? null }, learners[5]?.id as string);
    expect(row(5)?.lessons[0]?.completion).toBeCloseTo(own.lessons[0]?.completion ?? -1, 6);
  });

  it("clusters: the latest attempts grouped by the first failing required check, then by signature, with shares", async () => {
    const [exercise] = await cohortClusters(as("instructor"), cohortId);
    expect(exercise).toMatchObject({ exercise: { slug: fx.exerciseSlug }, attempted: 6, passed: 1 });
    const [build, starts] = exercise?.clusters ?? [];
    expect(build).toMatchObject({ check: "build", learnerCount: 4, hint: "Read the failing step in the build log." });
    expect(build?.share).toBeCloseTo(4 / 6);
    expect(build?.signatures.map((s) => [s.signature, s.learners.map((l) => l.email)])).toEqual([
      ["RUN pip install -r requirements.txt → exit code 127", ["c0@example.test", "c1@example.test", "c2@example.test"]],
      ["COPY requirements.txt . failed", ["c3@example.test"]],
    ]);
    expect(build?.signatures[0]?.example.message).toContain("non-zero code: 127");
    expect(starts).toMatchObject({ check: "starts", learnerCount: 1, signatures: [expect.objectContaining({ signature: "exited with code 1" })] });
  });

  it("exports: wide and long CSV parse back with a header row; JSON holds the same", async () => {
    const wide = await cohortCsv(as("instructor"), cohortId, "wide");
    expect(wide.filename).toMatch(/^clusters-group-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(wide.body).toContain("\r\n");
    const rows = parse<Record<string, string>>(wide.body, { columns: true });
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r.email === "c0@example.test")).toMatchObject({ [`exercise:${fx.exerciseSlug}`]: "failing: 3 attempts (build)", name: "Learner 0" });
    expect(rows.find((r) => r.email === "c5@example.test")?.[`exercise:${fx.exerciseSlug}`]).toMatch(/^passed \d{4}-/);
    expect(rows.find((r) => r.email === "c6@example.test")?.stuck).toMatch(/^idle since/);

    const long = parse<Record<string, string>>((await cohortCsv(as("instructor"), cohortId, "long")).body, { columns: true });
    const checksPerLearner = long.filter((r) => r.email === "c0@example.test").length;
    expect(checksPerLearner).toBeGreaterThan(4);
    expect(long).toHaveLength(7 * checksPerLearner);
    expect(long.find((r) => r.email === "c0@example.test" && r.check === "build")).toMatchObject({ attempts: "3", first_pass_at: "", last_status: "fail", required: "true" });
    expect(long.find((r) => r.email === "c5@example.test" && r.check === "starts")).toMatchObject({ attempts: "2", last_status: "pass" });
    expect(long.find((r) => r.email === "c6@example.test" && r.check === "build")).toMatchObject({ attempts: "0", last_attempt_at: "" });

    const json = await cohortJson(as("instructor"), cohortId);
    expect(json.body).toMatchObject({ format: "shipshape-cohort-export", cohort: { id: cohortId } });
    expect(json.body.learners).toHaveLength(7);
    expect(json.body.checks).toHaveLength(long.length);
  });

  it("another instructor and learners get nothing; an admin sees every cohort", async () => {
    const stranger = await testDb.prisma.user.create({ data: { email: "other-instructor@example.test", role: "INSTRUCTOR" }, select: { id: true, email: true, role: true } });
    const strangerCtx = { db: testDb.prisma, actor: stranger };
    const reads: ((ctx: Ctx, id: string) => Promise<unknown>)[] = [cohortMatrix, cohortClusters, (ctx, id) => cohortCsv(ctx, id, "wide")];
    for (const call of reads) {
      await expect(call(strangerCtx, cohortId)).rejects.toMatchObject({ code: "not_found" });
      await expect(call(as("learner"), cohortId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(call({ db: testDb.prisma, actor: null }, cohortId)).rejects.toMatchObject({ code: "unauthenticated" });
    }
    expect((await cohortMatrix(as("admin"), cohortId)).learners).toHaveLength(7);
  });
});
