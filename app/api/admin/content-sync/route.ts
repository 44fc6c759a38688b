import { actorFromRequest } from "@/server/auth/actor";
import { resyncContent } from "@/server/content/resync";
import { db } from "@/server/db";
import { handleErrors } from "@/server/errors";

export const dynamic = "force-dynamic";

/** Admins only: syncs content/ into the database and revalidates the pages of the courses that changed. */
export const POST = handleErrors(async (request: Request) => {
  const prisma = await db();
  return Response.json(await resyncContent(prisma, await actorFromRequest(prisma, request)));
});
