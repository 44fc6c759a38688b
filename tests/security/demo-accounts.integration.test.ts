// Row "sign up as admin@shipshape.local: allowed; setting DEMO_PASSWORD later would make that account ADMIN".
// The demo addresses are reserved (sign-up and OAuth), and the seed changes only accounts it created itself: an
// account that already held a demo address (from before the reservation) keeps its role, password and sessions.
import { afterAll, beforeAll, expect, it } from "vitest";
import { openSecurityDb, type SecurityDb } from "./support";

let sdb: SecurityDb;

beforeAll(async () => {
  sdb = await openSecurityDb();
});

afterAll(async () => {
  await sdb.close();
});

it("nobody can sign up with a demo address, whatever its case", async () => {
  const { registerLearner } = await import("@/server/accounts/credentials");
  for (const email of ["admin@shipshape.local", "Admin@Shipshape.Local", "learner@shipshape.local", "anyone-else@shipshape.local"]) {
    await expect(registerLearner({ db: sdb.testDb.prisma }, { email, password: "long enough password" }, "192.0.2.1")).rejects.toMatchObject({ code: "invalid_input" });
  }
  expect(await sdb.testDb.prisma.user.count({ where: { email: { endsWith: "@shipshape.local" } } })).toBe(0);
});

it("nor claim one through OAuth", async () => {
  const { signInWithOAuth } = await import("@/server/accounts/oauth");
  await expect(
    signInWithOAuth({ db: sdb.testDb.prisma }, { provider: "github", providerAccountId: "1", type: "oauth", email: "admin@shipshape.local", emailVerified: true }),
  ).rejects.toMatchObject({ code: "bad_request" });
});

it("the seed never elevates an account it did not create", async () => {
  const { seedDemoAccounts } = await import("@/server/accounts/demo-accounts");
  const { hashPassword } = await import("@/server/accounts/passwords");
  // A squatter's account from before the reservation, holding the admin address as a learner.
  const squatter = await sdb.testDb.prisma.user.create({ data: { email: "admin@shipshape.local", passwordHash: await hashPassword("squatter's password"), role: "LEARNER" } });
  const report = await seedDemoAccounts({ db: sdb.testDb.prisma }, "demo password 1");
  expect(report).toEqual({ ready: ["learner@shipshape.local", "instructor@shipshape.local"], refused: ["admin@shipshape.local"] });
  const after = await sdb.testDb.prisma.user.findUniqueOrThrow({ where: { id: squatter.id } });
  expect(after).toMatchObject({ role: "LEARNER", passwordHash: squatter.passwordHash, sessionVersion: 0, demo: false });
});

it("accounts the seed created follow DEMO_PASSWORD; a changed password ends their sessions", async () => {
  const { seedDemoAccounts } = await import("@/server/accounts/demo-accounts");
  const { verifyPassword } = await import("@/server/accounts/passwords");
  const read = () => sdb.testDb.prisma.user.findUniqueOrThrow({ where: { email: "instructor@shipshape.local" } });
  const before = await read();
  expect(before).toMatchObject({ role: "INSTRUCTOR", demo: true });
  await seedDemoAccounts({ db: sdb.testDb.prisma }, "demo password 1");
  expect((await read()).sessionVersion).toBe(before.sessionVersion);
  await seedDemoAccounts({ db: sdb.testDb.prisma }, "demo password 2");
  const changed = await read();
  expect(await verifyPassword(changed.passwordHash, "demo password 2")).toBe(true);
  expect(changed.sessionVersion).toBe(before.sessionVersion + 1);
});
