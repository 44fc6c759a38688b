import "server-only";
// Resolves who is calling. Route handlers read the session cookie from their Request (so tests can call them
// with a real signed cookie); pages and server actions go through next-auth's auth(). Either way the user is
// re-read from the database: the cookie only says who they were when they signed in.
import { getToken } from "next-auth/jwt";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/server/authz";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

export const sessionCookieNames = { secure: "__Secure-authjs.session-token", plain: "authjs.session-token" } as const;

export async function actorById(prisma: PrismaClient, id: string | null | undefined): Promise<Actor | null> {
  if (!id) return null;
  return prisma.user.findUnique({ where: { id }, select: { id: true, email: true, role: true } });
}

export async function actorFromRequest(prisma: PrismaClient, request: Request): Promise<Actor | null> {
  const secret = env.AUTH_SECRET;
  if (!secret) throw new AppError("internal", "Sign-in is not configured on this server.", { cause: new Error("AUTH_SECRET is not set") });
  const token =
    (await getToken({ req: request, secret, secureCookie: true, logger: silent })) ?? (await getToken({ req: request, secret, secureCookie: false, logger: silent }));
  return actorById(prisma, token?.sub);
}

// A tampered or expired cookie is an anonymous visitor, not an event worth a stack trace.
const silent = { error: () => {}, warn: () => {}, debug: () => {} };
