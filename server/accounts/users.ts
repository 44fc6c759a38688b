import "server-only";
// Admin-only user management: list accounts and change roles.
import type { PrismaClient } from "@/generated/prisma/client";
import { setRoleSchema } from "@/lib/validations/account";
import { requirePermission, type Actor } from "@/server/authz";
import { AppError } from "@/server/errors";

const userSummary = { id: true, email: true, name: true, role: true, createdAt: true } as const;

export async function listUsers(prisma: PrismaClient, actor: Actor | null) {
  requirePermission(actor, "users:manage");
  return prisma.user.findMany({ select: userSummary, orderBy: { createdAt: "asc" }, take: 500 });
}

export async function setUserRole(prisma: PrismaClient, actor: Actor | null, userId: string, input: unknown) {
  const admin = requirePermission(actor, "users:manage");
  const { role } = setRoleSchema.parse(input);
  if (userId === admin.id && role !== "ADMIN") throw new AppError("conflict", "You cannot remove your own admin role; ask another admin.");
  const found = await prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!found) throw new AppError("not_found", "No such user.");
  return prisma.user.update({ where: { id: userId }, data: { role }, select: userSummary });
}
