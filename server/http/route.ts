import "server-only";
// The one wrapper every app/api route handler goes through (house style "One route wrapper"). In this order, so
// nothing costly happens for a caller who may not make the request: the Origin check on state-changing methods, the
// session read (with its revocation check), the permission, then the body, read with its limit while it streams and
// parsed as JSON. Every error, thrown anywhere, leaves through the one error mapping.
import type { PrismaClient } from "@/generated/prisma/client";
import { actorFromRequest } from "@/server/auth/actor";
import { requireActor, requirePermission, type Actor, type Permission } from "@/server/authz";
import { db } from "@/server/db";
import { errorResponse } from "@/server/errors";
import { readJsonBody, type BodyRule } from "./request-body";
import { assertSameOrigin, changesState } from "./same-origin";

export interface RouteOptions {
  /**
   * "signed-in": anyone with a session (the data function decides further); "anyone": visitors too (the
   * handler gets a null actor); otherwise a permission.
   */
  permission: Permission | "signed-in" | "anyone";
  /** A JSON body this route reads, and its ceiling. */
  body?: BodyRule;
  /** Only for a route that browsers call without our Origin (CSP reports) and that changes nothing that matters. */
  crossSite?: true;
}

export interface RouteInput<Params, O extends RouteOptions> {
  request: Request;
  prisma: PrismaClient;
  actor: O["permission"] extends "anyone" ? Actor | null : Actor;
  params: Params;
  json: O["body"] extends BodyRule ? unknown : undefined;
}

type RouteContextOf<Params> = { params: Promise<Params> };

function authorize(actor: Actor | null, permission: RouteOptions["permission"]): Actor | null {
  if (permission === "anyone") return actor;
  if (permission === "signed-in") return requireActor(actor);
  return requirePermission(actor, permission);
}

export function route<Params = Record<string, never>, const O extends RouteOptions = RouteOptions>(
  options: O,
  handler: (input: RouteInput<Params, O>) => Promise<Response>,
): (request: Request, context?: RouteContextOf<Params>) => Promise<Response> {
  return async (request, context) => {
    try {
      if (changesState(request.method) && !options.crossSite) assertSameOrigin(request);
      const prisma = await db();
      const actor = authorize(await actorFromRequest(prisma, request), options.permission) as RouteInput<Params, O>["actor"];
      const json = (options.body ? await readJsonBody(request, options.body) : undefined) as RouteInput<Params, O>["json"];
      // Routes without dynamic segments are called with no context by Next's tests of them.
      const params = ((await context?.params) ?? {}) as Params;
      return await handler({ request, prisma, actor, params, json });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
