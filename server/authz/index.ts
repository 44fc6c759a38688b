export type { Actor } from "./actor";
export { canViewPersonData, hasPermission, managedCohorts, readableLessons, shownCourses, requireActor, requireEditableCourse, requireMayJoinCohort, requireOwner, requirePermission, requireRoleChange, requireViewPersonData, type Permission } from "./policy";
