import "server-only";
// Cohorts: an instructor's group of learners whose progress they may follow (an admin may see all cohorts).
import { addCohortMemberSchema, createCohortSchema } from "@/lib/validations/cohort";
import { managedCohorts, requirePermission, type Actor } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { progressOverview } from "@/server/progress/summary";

export async function listMyCohorts(ctx: Ctx) {
  const me = requirePermission(ctx.actor, "cohorts:manage");
  return ctx.db.cohort.findMany({
    where: managedCohorts(me),
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, owner: { select: { email: true } }, _count: { select: { members: true } } },
  });
}

export async function createCohort(ctx: Ctx, input: unknown) {
  const me = requirePermission(ctx.actor, "cohorts:manage");
  const { name } = createCohortSchema.parse(input);
  return ctx.db.cohort.create({ data: { name, ownerId: me.id }, select: { id: true, name: true } });
}

/** A cohort the manager may see; any other answers "no such cohort". */
async function requireCohort(ctx: Ctx, manager: Actor, cohortId: string) {
  const cohort = await ctx.db.cohort.findFirst({ where: { id: cohortId, ...managedCohorts(manager) }, select: { id: true, name: true } });
  if (!cohort) throw new AppError("not_found", "No such cohort.");
  return cohort;
}

export async function addCohortMember(ctx: Ctx, input: unknown) {
  const me = requirePermission(ctx.actor, "cohorts:manage");
  const { cohortId, email } = addCohortMemberSchema.parse(input);
  await requireCohort(ctx, me, cohortId);
  const learner = await ctx.db.user.findUnique({ where: { email }, select: { id: true } });
  if (!learner) throw new AppError("not_found", `Nobody has signed up with ${email} yet. Ask them to create an account first.`, { details: { fields: { email: "No account with this email." } } });
  await ctx.db.cohortMember.createMany({ data: [{ cohortId, userId: learner.id }], skipDuplicates: true });
}

export async function removeCohortMember(ctx: Ctx, cohortId: string, userId: string) {
  const me = requirePermission(ctx.actor, "cohorts:manage");
  await requireCohort(ctx, me, cohortId);
  await ctx.db.cohortMember.deleteMany({ where: { cohortId, userId } });
}

/** A cohort with each member's per-lesson completion. */
export async function cohortProgress(ctx: Ctx, cohortId: string) {
  const me = requirePermission(ctx.actor, "cohorts:manage");
  const cohort = await requireCohort(ctx, me, cohortId);
  const members = await ctx.db.cohortMember.findMany({ where: { cohortId }, orderBy: { joinedAt: "asc" }, select: { user: { select: { id: true, email: true, name: true } } } });
  const rows = [];
  for (const { user } of members) rows.push({ user, progress: await progressOverview({ ...ctx, actor: me }, user.id) });
  return { cohort, members: rows };
}
