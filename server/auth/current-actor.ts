import "server-only";
import { auth } from "@/auth";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz";
import { actorById } from "./actor";

/** The signed-in user for pages and server actions (route handlers use actorFromRequest). */
export async function currentActor(): Promise<Actor | null> {
  const session = await auth();
  return actorById(await db(), session?.user?.id);
}
