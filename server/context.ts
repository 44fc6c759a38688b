import "server-only";
// The first argument of every data function: the database it works in and who is asking. Route handlers get one
// from server/http/route.ts, pages and server actions from `currentContext()` (server/auth), tests build their
// own around a test database. A function that acts for no one (the dispatcher storing a grader's events, a rate
// limit counting) takes only the database part; a full context serves there too.
import { cache } from "react";
import type { PrismaClient, Role } from "@/generated/prisma/client";
import { db } from "./db";

/** Who is asking: a signed-in user as the database knows them now (not as their cookie remembers), or null. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  /** Absent counts as unverified: where verification is required, an actor built without it may not grade. */
  emailVerified?: boolean;
}

export interface DbContext {
  db: PrismaClient;
}

export interface Ctx extends DbContext {
  /** Null for a visitor who is not signed in. */
  actor: Actor | null;
}

/**
 * The context of a page cached for everyone (the reading pages): nobody signed in, and no cookie read, which would
 * make the page dynamic. Once per request, so the loaders' per-request cache holds.
 */
export const publicContext = cache(async (): Promise<Ctx> => ({ db: await db(), actor: null }));
