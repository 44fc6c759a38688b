import { actorFromRequest } from "@/server/auth/actor";
import { db } from "@/server/db";
import { handleErrors } from "@/server/errors";
import { progressOverview } from "@/server/progress/summary";

export const dynamic = "force-dynamic";

/** One person's progress: themselves, an admin, or an instructor of a cohort they belong to; others get 404. */
export const GET = handleErrors(async (request: Request, ctx: RouteContext<"/api/progress/[userId]">) => {
  const { userId } = await ctx.params;
  const prisma = await db();
  return Response.json(await progressOverview(prisma, await actorFromRequest(prisma, request), userId));
});
