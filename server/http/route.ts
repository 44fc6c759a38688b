import "server-only";
// The one wrapper every app/api route handler goes through (house style "One route wrapper"). In this order, so
// nothing costly happens for a caller who may not make the request: the Origin check on state-changing methods, the
// session read (with its revocation check), the permission, then the body, read with its limit while it streams and
// parsed as JSON. Every error, thrown anywhere, leaves through the one error mapping. The handler gets the data
// functions' context.
import { actorFromRequest } from "@/server/auth/actor";
import { requireActor, requirePermission, type Actor, type Permission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { db } from "@/server/db";
import { AppError, errorResponse } from "@/server/errors";
import { assertContentType, readBodyBytes, readJsonBody, type BodyRule } from "./request-body";
import { assertSameOrigin, changesState } from "./same-origin";

export interface RouteOptions {
  /**
   * "signed-in": anyone with a session (the data function decides further); "anyone": visitors too (the
   * handler gets a null actor); otherwise a permission.
   */
  permission: Permission | "signed-in" | "anyone";
  /** A JSON body this route reads, and its ceiling. */
  body?: BodyRule;
  /** A raw upload (an archive) this route reads instead: its media types and ceiling; the handler gets the bytes. */
  upload?: BodyRule & { types: readonly string[] };
  /** Only for a route that browsers call without our Origin (CSP reports) and that changes nothing that matters. */
  crossSite?: true;
}

export interface RouteInput<Params, O extends RouteOptions> {
  request: Request;
  /** The caller, signed in unless the route lets anyone call it. */
  ctx: Ctx & { actor: O["permission"] extends "anyone" ? Actor | null : Actor };
  params: Params;
  json: O["body"] extends BodyRule ? unknown : undefined;
  bytes: O["upload"] extends BodyRule ? Uint8Array : undefined;
}

type RouteContextOf<Params> = { params: Promise<Params> };

function authorize(actor: Actor | null, permission: RouteOptions["permission"]): Actor | null {
  if (permission === "anyone") return actor;
  if (permission === "signed-in") return requireActor(actor);
  return requirePermission(actor, permission);
}

/** Longer than any slug or id we issue: anything past it names nothing, and is not worth a query. */
const maxParamLength = 200;

// Routes without dynamic segments are called with no context by tests of them.
function boundedParams(params: Record<string, string | string[]> | undefined): Record<string, string | string[]> {
  for (const value of Object.values(params ?? {})) {
    if ([value].flat().some((part) => part.length === 0 || part.length > maxParamLength)) throw new AppError("not_found", "No such page.");
  }
  return params ?? {};
}

async function readUpload(request: Request, rule: BodyRule & { types: readonly string[] }): Promise<Uint8Array> {
  assertContentType(request, rule.types);
  return readBodyBytes(request, rule);
}

export function route<Params = Record<string, never>, const O extends RouteOptions = RouteOptions>(
  options: O,
  handler: (input: RouteInput<Params, O>) => Promise<Response>,
): (request: Request, context?: RouteContextOf<Params>) => Promise<Response> {
  return async (request, context) => {
    try {
      if (changesState(request.method) && !options.crossSite) assertSameOrigin(request);
      const database = { db: await db() };
      const actor = authorize(await actorFromRequest(database, request), options.permission);
      const ctx = { ...database, actor } as RouteInput<Params, O>["ctx"];
      const params = boundedParams((await context?.params) as Record<string, string | string[]> | undefined) as Params;
      const json = (options.body ? await readJsonBody(request, options.body) : undefined) as RouteInput<Params, O>["json"];
      const bytes = (options.upload ? await readUpload(request, options.upload) : undefined) as RouteInput<Params, O>["bytes"];
      return await handler({ request, ctx, params, json, bytes });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
