// Users and roles (issue 16, part 1) against a real database: search, a role change with its audit entry written
// in the same transaction, and the last-admin rule, also when two admins demote each other at the same moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/authz";
import { createTestDb, type TestDb } from "@/tests/support/test-db";
import { changeRole, listUsers } from "@/server/authoring/users";
import { listAudit } from "@/server/authoring/audit";

let testDb: TestDb;
let admin: Actor;
let learner: Actor;
const ctxOf = (actor: Actor | null) => ({ db: testDb.prisma, actor });

beforeAll(async () => {
  testDb = await createTestDb();
  const make = (email: string, role: Actor["role"], name?: string) => testDb.prisma.user.create({ data: { email, role, name }, select: { id: true, email: true, role: true } });
  admin = await make("root@example.test", "ADMIN", "Ada Root");
  learner = await make("learner@example.test", "LEARNER", "Lena Learner");
  await make("someone@example.test", "INSTRUCTOR", "Ian Structor");
});

afterAll(async () => {
  await testDb?.close();
});

describe("listUsers", () => {
  it("finds accounts by part of the email or the name, in any case", async () => {
    expect((await listUsers(ctxOf(admin), "LEARNER@")).users.map((u) => u.email)).toEqual(["learner@example.test"]);
    expect((await listUsers(ctxOf(admin), "structor")).users.map((u) => u.email)).toEqual(["someone@example.test"]);
    expect((await listUsers(ctxOf(admin), "")).total).toBe(3);
    // Wildcards of SQL LIKE are matched literally, not as patterns.
    expect((await listUsers(ctxOf(admin), "%")).total).toBe(0);
  });

  it("is for admins only", async () => {
    await expect(listUsers(ctxOf(learner))).rejects.toMatchObject({ code: "forbidden" });
    await expect(listUsers(ctxOf(null))).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

describe("changeRole", () => {
  it("changes the role and writes who, whom, from and to in the audit log", async () => {
    const row = await changeRole(ctxOf(admin), learner.id, { role: "INSTRUCTOR" });
    expect(row.role).toBe("INSTRUCTOR");
    expect((await testDb.prisma.user.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe("INSTRUCTOR");
    const [entry] = await listAudit(ctxOf(admin), `user:${learner.id}`);
    expect(entry).toMatchObject({ action: "user.role", actorEmail: "root@example.test" });
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({ email: "learner@example.test", from: "LEARNER", to: "INSTRUCTOR" });
    await changeRole(ctxOf(admin), learner.id, { role: "LEARNER" });
  });

  it("refuses an unknown role, an unknown user, and a caller without users:manage", async () => {
    await expect(changeRole(ctxOf(admin), learner.id, { role: "ROOT" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(changeRole(ctxOf(admin), "nobody", { role: "ADMIN" })).rejects.toMatchObject({ code: "not_found" });
    await expect(changeRole(ctxOf(learner), learner.id, { role: "ADMIN" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await testDb.prisma.user.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe("LEARNER");
  });

  it("never removes the last admin, and writes no audit entry for the refusal", async () => {
    const before = (await listAudit(ctxOf(admin))).length;
    const refusal = changeRole(ctxOf(admin), admin.id, { role: "LEARNER" });
    await expect(refusal).rejects.toMatchObject({ code: "conflict" });
    await expect(refusal).rejects.toThrow(/last admin/);
    expect((await listAudit(ctxOf(admin))).length).toBe(before);
    expect((await testDb.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("two admins demoting each other at once: one wins, one admin is left", async () => {
    const second = await testDb.prisma.user.create({ data: { email: "second@example.test", role: "ADMIN" }, select: { id: true, email: true, role: true } });
    const results = await Promise.allSettled([changeRole(ctxOf(admin), second.id, { role: "LEARNER" }), changeRole(ctxOf(second), admin.id, { role: "LEARNER" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    // The loser is refused either as the last admin or because the winner just took its admin rights away.
    const code: unknown = rejected?.status === "rejected" && (rejected.reason as { code?: unknown }).code;
    expect(["conflict", "forbidden"]).toContain(code);
    expect(await testDb.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });
});
