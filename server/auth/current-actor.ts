import "server-only";
// The signed-in user for pages and server actions (route handlers go through server/http/route.ts). Cached per
// request: a page and the components it renders ask several times, the database answers once.
import { cache } from "react";
import { auth } from "@/server/auth";
import type { Actor } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { db } from "@/server/db";
import { actorForSession } from "./actor";

export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  return actorForSession({ db: await db() }, session?.user ? { sub: session.user.id, sv: session.sessionVersion, authAt: session.authAt } : null);
});

/** The data functions' context for this request: the web's database and the signed-in user. */
export const currentContext = cache(async (): Promise<Ctx> => ({ db: await db(), actor: await currentActor() }));

