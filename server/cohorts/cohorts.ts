import "server-only";
// Cohorts: an instructor's group of learners who joined through the cohort's link, having seen what is shared
// (server/cohorts/membership.ts). Nobody is added to a cohort by someone else. An admin may see every cohort.
import { createCohortSchema, joinLinkChangeSchema } from "@/lib/validations/cohort";
import { managedCohorts, requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { createJoinCode } from "./join-code";

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
  return ctx.db.cohort.create({ data: { name, ownerId: me.id, joinCode: createJoinCode() }, select: { id: true, name: true } });
}

/** A cohort the caller manages, with its join link's state; any other answers "no such cohort". */
export async function managedCohort(ctx: Ctx, cohortId: string) {
  const me = requirePermission(ctx.actor, "cohorts:manage");
  const cohort = await ctx.db.cohort.findFirst({
    where: { id: cohortId, ...managedCohorts(me) },
    select: { id: true, name: true, joinCode: true, joinExpiresAt: true, owner: { select: { email: true, name: true } } },
  });
  if (!cohort) throw new AppError("not_found", "No such cohort.");
  return cohort;
}

/** Rotate (a new code: every earlier link stops working), disable (no code), or set or clear the expiry. */
export async function changeJoinLink(ctx: Ctx, input: unknown) {
  const change = joinLinkChangeSchema.parse(input);
  await managedCohort(ctx, change.cohortId);
  const data =
    change.change === "rotate" ? { joinCode: createJoinCode() } : change.change === "disable" ? { joinCode: null } : { joinExpiresAt: change.expiresAt === null ? null : new Date(change.expiresAt) };
  return ctx.db.cohort.update({ where: { id: change.cohortId }, data, select: { joinCode: true, joinExpiresAt: true } });
}

/** The instructor takes a learner out of their cohort (the learner can join again through the link). */
export async function removeCohortMember(ctx: Ctx, cohortId: string, userId: string) {
  await managedCohort(ctx, cohortId);
  await ctx.db.cohortMember.deleteMany({ where: { cohortId, userId } });
}
