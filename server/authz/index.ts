export type { Actor } from "./actor";
export { canViewPersonData, hasPermission, managedCohorts, readableLessons, shownCourses, requireActor, requireOwner, requirePermission, requireViewPersonData, type Permission } from "./policy";
