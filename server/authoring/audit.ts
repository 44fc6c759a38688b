import "server-only";
// The audit log: one row per admin act that changes someone's rights or what learners see, written inside the
// transaction of the act itself, so a change without its entry (or an entry without its change) cannot exist.
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/authz";
import type { AuditEntryView } from "@/lib/api/answers";
import type { Ctx } from "@/server/context";
import { requirePermission } from "@/server/authz";

export type AuditAction = "user.role" | "course.import" | "lesson.publish" | "lesson.discard" | "lesson.restore" | "exercise.publish" | "exercise.discard" | "exercise.restore" | "exercise.regrade" | "quiz.publish" | "quiz.discard" | "quiz.restore";

export async function recordAudit(
  tx: Prisma.TransactionClient,
  actor: Actor,
  entry: { action: AuditAction; subject: string; detail: Prisma.InputJsonObject },
): Promise<void> {
  await tx.auditEntry.create({ data: { actorId: actor.id, ...entry } });
}

/** The newest entries, optionally about one subject ("user:<id>"). */
export async function listAudit({ db, actor }: Ctx, subject?: string, take = 50): Promise<AuditEntryView[]> {
  requirePermission(actor, "users:manage");
  const rows = await db.auditEntry.findMany({
    where: subject ? { subject } : {},
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, action: true, subject: true, detail: true, createdAt: true, actor: { select: { email: true } } },
  });
  return rows.map((r) => ({ id: r.id, action: r.action, subject: r.subject, detail: JSON.stringify(r.detail), actorEmail: r.actor?.email ?? null, at: r.createdAt.toISOString() }));
}
