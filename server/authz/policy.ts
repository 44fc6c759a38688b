import "server-only";
// The one place that says who may do what (DESIGN §7). Route handlers, server actions and data functions all
// call these; a page redirect is only a convenience on top.
//
// Asking for another person's data the caller may not see answers 404, never 403: whether a learner, a
// submission or a progress record exists is itself private.
import type { CourseSource, Prisma, Role } from "@/generated/prisma/client";
import type { Actor, Ctx } from "@/server/context";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

export type Permission =
  /** Own progress, quiz attempts, account export and deletion. */
  | "own-data"
  /** Sending Dockerfiles to the grader (DESIGN §5: grading needs sign-in). */
  | "grade"
  | "cohorts:manage"
  | "content:author"
  | "users:manage";

const grants: Record<Role, readonly Permission[]> = {
  LEARNER: ["own-data", "grade"],
  INSTRUCTOR: ["own-data", "grade", "cohorts:manage"],
  ADMIN: ["own-data", "grade", "cohorts:manage", "content:author", "users:manage"],
};

export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && grants[actor.role].includes(permission);
}

/** Which staff areas the header offers the actor: /admin (content or users) and /instructor (cohorts). */
export function staffAreas(actor: Actor | null): { admin: boolean; instructor: boolean } {
  return { admin: hasPermission(actor, "content:author") || hasPermission(actor, "users:manage"), instructor: hasPermission(actor, "cohorts:manage") };
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError("unauthenticated", "Please sign in to do this.");
  return actor;
}

export function requirePermission(actor: Actor | null, permission: Permission): Actor {
  const signedIn = requireActor(actor);
  if (!hasPermission(signedIn, permission)) throw new AppError("forbidden", "Your account's role does not allow this.");
  // Where the operator asks for it, grading (the one costly thing an account can do) needs a verified address.
  if (permission === "grade" && env.REQUIRE_EMAIL_VERIFICATION && signedIn.emailVerified !== true) {
    throw new AppError("forbidden", "Confirm your email address before grading: use the link we sent you, or send a new one from Account settings.", { details: { reason: "email-unverified" } });
  }
  return signedIn;
}

/**
 * May the actor see this person's progress, attempts and submissions? Themselves, an admin, or an instructor
 * who owns a cohort the person belongs to.
 */
export async function canViewPersonData({ db, actor }: Ctx, personId: string): Promise<boolean> {
  if (!actor) return false;
  if (actor.id === personId || actor.role === "ADMIN") return true;
  if (actor.role !== "INSTRUCTOR") return false;
  const membership = await db.cohortMember.findFirst({ where: { userId: personId, cohort: { ownerId: actor.id } }, select: { userId: true } });
  return membership !== null;
}

/** Throws 401 for anonymous callers and 404 when the person's data is not theirs to see. */
export async function requireViewPersonData(ctx: Ctx, personId: string, what = "record"): Promise<Actor> {
  const signedIn = requireActor(ctx.actor);
  if (!(await canViewPersonData({ ...ctx, actor: signedIn }, personId))) throw new AppError("not_found", `No such ${what}.`);
  return signedIn;
}

/** Writes to someone's data are only ever their own (admins and instructors read, they do not act as others). */
export function requireOwner(actor: Actor | null, ownerId: string, what = "record"): Actor {
  const signedIn = requirePermission(actor, "own-data");
  if (signedIn.id !== ownerId) throw new AppError("not_found", `No such ${what}.`);
  return signedIn;
}

/** The cohorts an instructor manages: their own; an admin, every one. */
export function managedCohorts(manager: Actor): Prisma.CohortWhereInput {
  return manager.role === "ADMIN" ? {} : { ownerId: manager.id };
}

/**
 * Joining a cohort is a person's own choice about their own data, so it needs a session and nothing more — but
 * never into a cohort one owns (one would watch oneself), and only through a link that is on and not expired.
 */
export function requireMayJoinCohort(actor: Actor | null, cohort: { ownerId: string; joinExpiresAt: Date | null }, now = new Date()): Actor {
  const signedIn = requirePermission(actor, "own-data");
  if (cohort.ownerId === signedIn.id) throw new AppError("conflict", "This is your own cohort: share the link with your learners.");
  if (cohort.joinExpiresAt && cohort.joinExpiresAt <= now) throw new AppError("not_found", "This join link has expired. Ask your instructor for a new one.");
  return signedIn;
}

const shown = { in: ["PUBLISHED", "OUTLINE"] } satisfies Prisma.EnumPublishStateFilter;

/**
 * The lessons the actor may open — read, mark progress on, take the quick test of, grade the exercises of:
 * published and outline lessons of shown courses, and for content authors drafts too (a preview). Pages cached for
 * everyone ask with a null actor.
 */
export function readableLessons(actor: Actor | null): Prisma.LessonWhereInput {
  if (hasPermission(actor, "content:author")) return { currentRevisionId: { not: null } };
  return { state: shown, currentRevisionId: { not: null }, course: { state: shown } };
}

/**
 * The exercises the actor may open and grade: those of lessons it may open, once published. An exercise authored in
 * the admin area stays a draft until its proving run passes; content authors open drafts too (preview as a learner).
 */
export function readableExercises(actor: Actor | null): Prisma.ExerciseWhereInput {
  const lesson = readableLessons(actor);
  return hasPermission(actor, "content:author") ? { lesson } : { lesson, ...publishedExercises };
}

/** The exercises listed to everyone (lesson pages, progress): published ones. */
export const publishedExercises = { state: "PUBLISHED" } satisfies Prisma.ExerciseWhereInput;

/** The courses anyone may see in the catalog. */
export const shownCourses = { state: shown } satisfies Prisma.CourseWhereInput;

/**
 * May `actor` give `target` the role `role`? Only with "users:manage", and never so that no admin is left: the site
 * would then have nobody who can make one. Asked inside the role change's transaction, after its lock.
 */
export async function requireRoleChange(tx: Prisma.TransactionClient, actor: Actor | null, target: { id: string; role: Role }, role: Role): Promise<Actor> {
  const signedIn = requirePermission(actor, "users:manage");
  if (target.role === "ADMIN" && role !== "ADMIN") {
    const otherAdmins = await tx.user.count({ where: { role: "ADMIN", id: { not: target.id } } });
    if (otherAdmins === 0) throw new AppError("conflict", "This is the last admin: make someone else an admin first.");
  }
  return signedIn;
}

/**
 * Built-in courses come from content/ and change only there (a sync would overwrite an edit made here); courses
 * authored in the admin area or imported are edited in the admin area.
 */
export function requireEditableCourse(actor: Actor | null, course: { slug: string; source: CourseSource }): Actor {
  const signedIn = requirePermission(actor, "content:author");
  if (course.source === "BUILT_IN") throw new AppError("conflict", `"${course.slug}" is a built-in course: edit the files in content/${course.slug}/ instead.`);
  return signedIn;
}
