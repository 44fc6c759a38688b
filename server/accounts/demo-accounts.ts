// No `server-only`: scripts/prepare-database.ts runs this outside React's server graph.
// The three demo accounts the README's first command creates, only when DEMO_PASSWORD is set. Re-running resets
// the password and role of the accounts the seed itself created (a changed DEMO_PASSWORD takes effect on the
// next start), and never touches an account it did not create: otherwise someone who signed up as
// admin@shipshape.local before DEMO_PASSWORD was set would be made an admin by it. The whole demo domain is
// reserved at sign-up and for OAuth, so such an account can only exist from before this rule.
import type { Role } from "@/generated/prisma/client";
import { hashPassword, verifyPassword } from "./passwords";
import type { DbContext } from "@/server/context";
import { createJoinCode } from "@/server/cohorts/join-code";
import { sharingStatement } from "@/server/cohorts/sharing";

const demoDomain = "shipshape.local";

export const demoAccounts: readonly { email: string; name: string; role: Role }[] = [
  { email: `learner@${demoDomain}`, name: "Demo Learner", role: "LEARNER" },
  { email: `instructor@${demoDomain}`, name: "Demo Instructor", role: "INSTRUCTOR" },
  { email: `admin@${demoDomain}`, name: "Demo Admin", role: "ADMIN" },
];

export function isReservedEmail(email: string): boolean {
  return email.trim().toLowerCase().endsWith(`@${demoDomain}`);
}

export interface DemoSeedReport {
  ready: string[];
  /** Demo addresses held by accounts the seed did not create: left exactly as they are. */
  refused: string[];
}

export async function seedDemoAccounts(ctx: DbContext, password: string): Promise<DemoSeedReport> {
  const passwordHash = await hashPassword(password);
  const report: DemoSeedReport = { ready: [], refused: [] };
  for (const account of demoAccounts) {
    const existing = await ctx.db.user.findUnique({ where: { email: account.email }, select: { id: true, demo: true, role: true, passwordHash: true } });
    if (!existing) {
      await ctx.db.user.create({ data: { ...account, passwordHash, demo: true, emailVerified: new Date() } });
    } else if (!existing.demo) {
      report.refused.push(account.email);
      continue;
    } else if (existing.role !== account.role || !(await verifyPassword(existing.passwordHash, password))) {
      // A changed password ends the demo account's earlier sessions too.
      await ctx.db.user.update({ where: { id: existing.id }, data: { role: account.role, passwordHash, sessionVersion: { increment: 1 } } });
    }
    report.ready.push(account.email);
  }
  return report;
}

export const demoCohortName = "Demo cohort";

/**
 * "Demo cohort", owned by the demo instructor, which the demo learner has joined, so the instructor's pages have
 * something to show on a fresh start. Only between accounts the seed itself created (a refused address gets none),
 * and only while the demo instructor owns no cohort, so a restart never undoes what was done in the demo (a renamed
 * cohort, a learner who left).
 */
export async function seedDemoCohort(ctx: DbContext, report: DemoSeedReport): Promise<boolean> {
  const [learner, instructor] = ["LEARNER", "INSTRUCTOR"].map((role) => demoAccounts.find((a) => a.role === role)?.email);
  if (!learner || !instructor || !report.ready.includes(learner) || !report.ready.includes(instructor)) return false;
  const users = await ctx.db.user.findMany({ where: { email: { in: [learner, instructor] }, demo: true }, select: { id: true, email: true } });
  const learnerId = users.find((u) => u.email === learner)?.id;
  const instructorId = users.find((u) => u.email === instructor)?.id;
  if (!learnerId || !instructorId) return false;
  if ((await ctx.db.cohort.count({ where: { ownerId: instructorId } })) > 0) return false;
  await ctx.db.cohort.create({
    data: { name: demoCohortName, ownerId: instructorId, joinCode: createJoinCode(), members: { create: { userId: learnerId, consentVersion: sharingStatement.version } } },
  });
  return true;
}
