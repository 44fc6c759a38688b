export type { Actor } from "./actor";
export { canViewPersonData, hasPermission, requireActor, requireOwner, requirePermission, requireViewPersonData, type Permission } from "./policy";
