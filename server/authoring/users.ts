import "server-only";
// Users and roles for admins: a searchable list, and a role change that is audited and never leaves the site
// without an admin. The role is read from the database on every request (server/auth), so a change takes effect
// on the person's next request without touching their sessions.
import { z } from "zod";
import type { Role } from "@/generated/prisma/client";
import type { AdminUserList, AdminUserRow } from "@/lib/api/answers";
import { requireRoleChange, requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { recordAudit } from "./audit";

const pageSize = 50;

export const roleChangeSchema = z.object({ role: z.enum(["LEARNER", "INSTRUCTOR", "ADMIN"]) }).strict();

const rowFields = { id: true, email: true, name: true, role: true, createdAt: true } as const;

function toRow(u: { id: string; email: string; name: string | null; role: Role; createdAt: Date }): AdminUserRow {
  return { id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt.toISOString() };
}

/** The first 50 accounts whose email or name contains `query` (any case), newest first, and how many match. */
export async function listUsers({ db, actor }: Ctx, query = ""): Promise<AdminUserList> {
  requirePermission(actor, "users:manage");
  // Prisma passes `contains` to LIKE as it is: escaped, a typed % or _ is a character, not a pattern.
  const text = query.trim().slice(0, 200).replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = text ? { OR: [{ email: { contains: text, mode: "insensitive" as const } }, { name: { contains: text, mode: "insensitive" as const } }] } : {};
  const [users, total] = await Promise.all([
    db.user.findMany({ where, orderBy: { createdAt: "desc" }, take: pageSize, select: rowFields }),
    db.user.count({ where }),
  ]);
  return { users: users.map(toRow), total };
}

/**
 * Sets a user's role and writes the audit entry in one transaction. The transaction first takes a lock that every
 * role change takes, so two admins demoting each other at once are serialized and the second sees the first's
 * change: the last-admin rule (server/authz) cannot be raced.
 */
export async function changeRole(ctx: Ctx, userId: string, input: unknown): Promise<AdminUserRow> {
  const actor = requirePermission(ctx.actor, "users:manage");
  const { role } = roleChangeSchema.parse(input);
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('shipshape:user-roles'))`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: rowFields });
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.role === role) return toRow(user);
    await requireRoleChange(tx, actor, user, role);
    const updated = await tx.user.update({ where: { id: userId }, data: { role }, select: rowFields });
    await recordAudit(tx, actor, { action: "user.role", subject: `user:${userId}`, detail: { email: user.email, from: user.role, to: role } });
    return toRow(updated);
  });
}
