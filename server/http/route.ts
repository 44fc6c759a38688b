import "server-only";
// The one wrapper every app/api route handler goes through (STYLE §16). In this order, so nothing costly happens
// for a caller who may not make the request: the Origin check on state-changing methods, the session read (with
// its revocation check), the permission, then the body, read with its limit while it streams and parsed as JSON.
// Every error, thrown anywhere, leaves through the one error mapping.
import type { PrismaClient } from "@/generated/prisma/client";
import { actorFromRequest } from "@/server/auth/actor";
import { requireActor, requirePermission, type Actor, type Permission } from "@/server/authz";
import { db } from "@/server/db";
import { errorResponse } from "@/server/errors";
import { readJsonBody, type BodyRule } from "./request-body";
import { assertSameOrigin, changesState } from "./same-origin";

export interface RouteOptions {
  /** "signed-in": anyone with a session (the data function decides further); otherwise a permission. */
  permission: Permission | "signed-in";
  /** A JSON body this route reads, and its ceiling. */
  body?: BodyRule;
}

export interface RouteInput<Params, Json> {
  request: Request;
  prisma: PrismaClient;
  actor: Actor;
  params: Params;
  json: Json;
}

type RouteContextOf<Params> = { params: Promise<Params> };

export function route<Params = Record<string, never>, O extends RouteOptions = RouteOptions>(
  options: O,
  handler: (input: RouteInput<Params, O["body"] extends BodyRule ? unknown : undefined>) => Promise<Response>,
): (request: Request, context?: RouteContextOf<Params>) => Promise<Response> {
  return async (request, context) => {
    try {
      if (changesState(request.method)) assertSameOrigin(request);
      const prisma = await db();
      const session = await actorFromRequest(prisma, request);
      const actor = options.permission === "signed-in" ? requireActor(session) : requirePermission(session, options.permission);
      const json = (options.body ? await readJsonBody(request, options.body) : undefined) as O["body"] extends BodyRule ? unknown : undefined;
      // Routes without dynamic segments are called with no context by Next's tests of them.
      const params = ((await context?.params) ?? {}) as Params;
      return await handler({ request, prisma, actor, params, json });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
