import "server-only";
// Resolves who is calling. Route handlers read the session cookie from their Request (so tests can call them
// with a real signed cookie); pages and server actions go through next-auth's auth(). Either way the user is
// re-read from the database: the cookie only says who they were when they signed in, and it is honoured only
// while it carries the user's current session version (sign-out and password changes bump it, revoking every
// cookie issued before).
import { getToken } from "next-auth/jwt";
import type { Actor } from "@/server/authz";
import type { DbContext } from "@/server/context";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

export const sessionCookieNames = { secure: "__Secure-authjs.session-token", plain: "authjs.session-token" } as const;

/** What a session token says about its holder: the user id, the session version and when they signed in. */
export interface SessionClaims {
  sub?: string | null;
  sv?: number | null;
  /** Seconds since the epoch at sign-in; kept when the cookie is re-issued. */
  authAt?: number | null;
}

/** However actively used, a session ends this long after its sign-in (the cookie's own expiry is the idle limit). */
export const absoluteSessionSeconds = 30 * 24 * 60 * 60;

/** False for a token from before session versions, or one whose sign-in is older than the absolute limit. */
export function sessionCurrent(claims: SessionClaims, nowSeconds = Date.now() / 1000): boolean {
  return typeof claims.sv === "number" && typeof claims.authAt === "number" && nowSeconds - claims.authAt <= absoluteSessionSeconds;
}

export async function actorForSession(ctx: DbContext, claims: SessionClaims | null | undefined): Promise<Actor | null> {
  if (!claims?.sub || !sessionCurrent(claims)) return null;
  const user = await ctx.db.user.findUnique({ where: { id: claims.sub }, select: { id: true, email: true, role: true, emailVerified: true, sessionVersion: true } });
  if (!user || user.sessionVersion !== claims.sv) return null;
  return { id: user.id, email: user.email, role: user.role, emailVerified: user.emailVerified !== null };
}

export async function sessionClaimsFromRequest(request: Request): Promise<SessionClaims | null> {
  const secret = env.AUTH_SECRET;
  if (!secret) throw new AppError("internal", "Sign-in is not configured on this server.", { cause: new Error("AUTH_SECRET is not set") });
  return (await getToken({ req: request, secret, secureCookie: true, logger: silent })) ?? (await getToken({ req: request, secret, secureCookie: false, logger: silent }));
}

export async function actorFromRequest(ctx: DbContext, request: Request): Promise<Actor | null> {
  return actorForSession(ctx, await sessionClaimsFromRequest(request));
}

/** Revokes every session of the user: cookies issued before carry the old version and stop working at once. */
export async function revokeSessions(ctx: DbContext, userId: string): Promise<void> {
  await ctx.db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

// A tampered or expired cookie is an anonymous visitor, not an event worth a stack trace.
const silent = { error: () => {}, warn: () => {}, debug: () => {} };
