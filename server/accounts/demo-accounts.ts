// No `server-only`: scripts/prepare-database.ts runs this outside React's server graph.
// The three demo accounts the README's first command creates, only when DEMO_PASSWORD is set. Re-running
// resets their password and role, so a changed DEMO_PASSWORD takes effect on the next start.
import type { PrismaClient, Role } from "@/generated/prisma/client";
import { hashPassword } from "./passwords";

export const demoAccounts: readonly { email: string; name: string; role: Role }[] = [
  { email: "learner@shipshape.local", name: "Demo Learner", role: "LEARNER" },
  { email: "instructor@shipshape.local", name: "Demo Instructor", role: "INSTRUCTOR" },
  { email: "admin@shipshape.local", name: "Demo Admin", role: "ADMIN" },
];

export async function seedDemoAccounts(prisma: PrismaClient, password: string): Promise<string[]> {
  const passwordHash = await hashPassword(password);
  for (const account of demoAccounts) {
    await prisma.user.upsert({
      where: { email: account.email },
      create: { ...account, passwordHash },
      update: { role: account.role, passwordHash },
    });
  }
  return demoAccounts.map((a) => a.email);
}
