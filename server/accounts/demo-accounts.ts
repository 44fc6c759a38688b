// No `server-only`: scripts/prepare-database.ts runs this outside React's server graph.
// The three demo accounts the README's first command creates, only when DEMO_PASSWORD is set. Re-running resets
// the password and role of the accounts the seed itself created (a changed DEMO_PASSWORD takes effect on the
// next start), and never touches an account it did not create: otherwise someone who signed up as
// admin@shipshape.local before DEMO_PASSWORD was set would be made an admin by it. The whole demo domain is
// reserved at sign-up and for OAuth, so such an account can only exist from before this rule.
import type { Role } from "@/generated/prisma/client";
import { hashPassword, verifyPassword } from "./passwords";
import type { DbContext } from "@/server/context";

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
