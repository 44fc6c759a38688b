import "server-only";
// The signed-in user for pages and server actions (route handlers go through server/http/route.ts). Cached per
// request: a page and the components it renders ask several times, the database answers once.
import { cache } from "react";
import { auth } from "@/server/auth";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz";
import { actorForSession } from "./actor";

export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  return actorForSession(await db(), session?.user ? { sub: session.user.id, sv: session.sessionVersion, authAt: session.authAt } : null);
});
