import "server-only";
// Cohorts: an instructor's group of learners whose progress they may follow (an admin may see all cohorts).
import type { PrismaClient } from "@/generated/prisma/client";
import { addCohortMemberSchema, createCohortSchema } from "@/lib/validations/cohort";
import { requirePermission, type Actor } from "@/server/authz";
import { AppError } from "@/server/errors";
import { progressOverview } from "@/server/progress/summary";

/** Admins see every cohort; instructors only their own. Anything else answers "no such cohort". */
function ownedBy(actor: Actor) {
  return actor.role === "ADMIN" ? {} : { ownerId: actor.id };
}

export async function listMyCohorts(prisma: PrismaClient, actor: Actor | null) {
  const me = requirePermission(actor, "cohorts:manage");
  return prisma.cohort.findMany({
    where: ownedBy(me),
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, owner: { select: { email: true } }, _count: { select: { members: true } } },
  });
}

export async function createCohort(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  const me = requirePermission(actor, "cohorts:manage");
  const { name } = createCohortSchema.parse(input);
  return prisma.cohort.create({ data: { name, ownerId: me.id }, select: { id: true, name: true } });
}

async function requireCohort(prisma: PrismaClient, actor: Actor, cohortId: string) {
  const cohort = await prisma.cohort.findFirst({ where: { id: cohortId, ...ownedBy(actor) }, select: { id: true, name: true } });
  if (!cohort) throw new AppError("not_found", "No such cohort.");
  return cohort;
}

export async function addCohortMember(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  const me = requirePermission(actor, "cohorts:manage");
  const { cohortId, email } = addCohortMemberSchema.parse(input);
  await requireCohort(prisma, me, cohortId);
  const learner = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!learner) throw new AppError("not_found", `Nobody has signed up with ${email} yet. Ask them to create an account first.`, { details: { fields: { email: "No account with this email." } } });
  await prisma.cohortMember.createMany({ data: [{ cohortId, userId: learner.id }], skipDuplicates: true });
}

export async function removeCohortMember(prisma: PrismaClient, actor: Actor | null, cohortId: string, userId: string) {
  const me = requirePermission(actor, "cohorts:manage");
  await requireCohort(prisma, me, cohortId);
  await prisma.cohortMember.deleteMany({ where: { cohortId, userId } });
}

/** A cohort with each member's per-lesson completion. */
export async function cohortProgress(prisma: PrismaClient, actor: Actor | null, cohortId: string) {
  const me = requirePermission(actor, "cohorts:manage");
  const cohort = await requireCohort(prisma, me, cohortId);
  const members = await prisma.cohortMember.findMany({ where: { cohortId }, orderBy: { joinedAt: "asc" }, select: { user: { select: { id: true, email: true, name: true } } } });
  const rows = [];
  for (const { user } of members) rows.push({ user, progress: await progressOverview(prisma, me, user.id) });
  return { cohort, members: rows };
}
