// The demo seed's cohort: with DEMO_PASSWORD the demo instructor owns "Demo cohort", which the demo learner has
// joined, so the instructor's matrix shows someone on a fresh start; re-running the seed changes nothing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoCohortName, seedDemoAccounts, seedDemoCohort } from "@/server/accounts/demo-accounts";
import { cohortMatrix } from "@/server/cohorts/matrix";
import { leaveCohort } from "@/server/cohorts/membership";
import { createTestDb, type TestDb } from "@/tests/support/test-db";

let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
});

afterAll(async () => {
  await testDb.close();
});

it("makes the demo cohort once, with the demo learner in it, visible on the instructor's matrix", async () => {
  const ctx = { db: testDb.prisma };
  const report = await seedDemoAccounts(ctx, "demo password for the cohort test");
  expect(await seedDemoCohort(ctx, report)).toBe(true);
  const users = await testDb.prisma.user.findMany({ where: { demo: true }, select: { id: true, email: true, role: true } });
  const instructor = users.find((u) => u.role === "INSTRUCTOR");
  const learner = users.find((u) => u.role === "LEARNER");
  const cohort = await testDb.prisma.cohort.findFirstOrThrow({ where: { ownerId: instructor?.id }, select: { id: true, name: true, joinCode: true } });
  expect(cohort.name).toBe(demoCohortName);
  expect(cohort.joinCode).toMatch(/^[A-Za-z0-9_-]{16}$/);
  expect((await cohortMatrix({ ...ctx, actor: instructor ?? null }, cohort.id)).learners.map((l) => l.user.email)).toEqual(["learner@shipshape.local"]);
  // A learner who left in the demo stays out after a restart; no second cohort appears.
  await leaveCohort({ ...ctx, actor: learner ?? null }, cohort.id);
  expect(await seedDemoCohort(ctx, await seedDemoAccounts(ctx, "demo password for the cohort test"))).toBe(false);
  expect(await testDb.prisma.cohortMember.count({ where: { cohortId: cohort.id } })).toBe(0);
  expect(await testDb.prisma.cohort.count()).toBe(1);
});

it("makes none when a demo address belongs to an account the seed did not create", async () => {
  expect(await seedDemoCohort({ db: testDb.prisma }, { ready: ["instructor@shipshape.local", "admin@shipshape.local"], refused: ["learner@shipshape.local"] })).toBe(false);
});
