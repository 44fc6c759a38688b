// Who is asking is part of every data function's context; authz decides what they may do.
export type { Actor } from "@/server/context";
export { canViewPersonData, hasPermission, managedCohorts, publishedExercises, readableExercises, readableLessons, shownCourses, requireActor, requireEditableCourse, requireMayJoinCohort, requireOwner, requirePermission, requireRoleChange, requireViewPersonData, staffAreas, type Permission } from "./policy";
