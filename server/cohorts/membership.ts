import "server-only";
// A learner's side of cohorts: what a join link shows before anything is shared, joining with consent, the
// cohorts one is in, and leaving. Leaving deletes the membership row every instructor read goes through
// (server/authz canViewPersonData), so the learner is hidden from the next request on.
import { joinCodeSchema, joinCohortSchema } from "@/lib/validations/cohort";
import { requireActor, requireMayJoinCohort, requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { sharingStatement } from "./sharing";

const noSuchLink = () => new AppError("not_found", "This join link does not work: it may have been replaced or turned off. Ask your instructor for the current one.");

async function cohortOfCode(ctx: Ctx, code: unknown) {
  const parsed = joinCodeSchema.safeParse(code);
  if (!parsed.success) throw noSuchLink();
  const cohort = await ctx.db.cohort.findUnique({
    where: { joinCode: parsed.data },
    select: { id: true, name: true, ownerId: true, joinExpiresAt: true, owner: { select: { name: true, email: true } } },
  });
  if (!cohort) throw noSuchLink();
  return cohort;
}

/**
 * What the join page shows: the cohort, its instructor and the sharing statement. Anyone holding the link may
 * read this much (a visitor signs in or up, then comes back); it names no member.
 */
export async function joinPreview(ctx: Ctx, code: string) {
  const cohort = await cohortOfCode(ctx, code);
  const expired = cohort.joinExpiresAt !== null && cohort.joinExpiresAt <= new Date();
  const member = ctx.actor ? (await ctx.db.cohortMember.count({ where: { cohortId: cohort.id, userId: ctx.actor.id } })) > 0 : false;
  return {
    cohort: { name: cohort.name, instructor: cohort.owner.name ?? cohort.owner.email, instructorEmail: cohort.owner.email, expiresAt: cohort.joinExpiresAt?.toISOString() ?? null },
    expired,
    ownCohort: ctx.actor?.id === cohort.ownerId,
    member,
    sharing: sharingStatement,
  };
}

/** Joins the cohort of the link, recording the statement version the learner accepted. Joining twice is a no-op. */
export async function joinCohort(ctx: Ctx, input: unknown) {
  const { code, consentVersion } = joinCohortSchema.parse(input);
  const cohort = await cohortOfCode(ctx, code);
  const me = requireMayJoinCohort(ctx.actor, cohort);
  // The learner must have been shown the statement in force: an older page (a changed statement) asks again.
  if (consentVersion !== sharingStatement.version) throw new AppError("conflict", "What is shared has changed since this page was opened. Read it again and confirm.");
  await ctx.db.cohortMember.createMany({ data: [{ cohortId: cohort.id, userId: me.id, consentVersion }], skipDuplicates: true });
  return { cohortId: cohort.id, name: cohort.name };
}

/** The cohorts the signed-in person has joined, for settings. */
export async function myMemberships(ctx: Ctx) {
  const me = requireActor(ctx.actor);
  const rows = await ctx.db.cohortMember.findMany({
    where: { userId: me.id },
    orderBy: { joinedAt: "asc" },
    select: { joinedAt: true, cohort: { select: { id: true, name: true, owner: { select: { name: true, email: true } } } } },
  });
  return rows.map((r) => ({ cohortId: r.cohort.id, name: r.cohort.name, instructor: r.cohort.owner.name ?? r.cohort.owner.email, joinedAt: r.joinedAt.toISOString() }));
}

export async function leaveCohort(ctx: Ctx, cohortId: unknown) {
  const me = requirePermission(ctx.actor, "own-data");
  if (typeof cohortId !== "string" || cohortId.length === 0 || cohortId.length > 100) throw new AppError("not_found", "No such cohort.");
  const { count } = await ctx.db.cohortMember.deleteMany({ where: { cohortId, userId: me.id } });
  if (count === 0) throw new AppError("not_found", "You are not in this cohort.");
}
