import { actorFromRequest } from "@/server/auth/actor";
import { deleteAccount } from "@/server/accounts/account-data";
import { db } from "@/server/db";
import { AppError, handleErrors } from "@/server/errors";
import { requireActor } from "@/server/authz";
import { progressOverview } from "@/server/progress/summary";

export const dynamic = "force-dynamic";

/** The caller's account and progress overview (what /me shows). */
export const GET = handleErrors(async (request: Request) => {
  const prisma = await db();
  const me = requireActor(await actorFromRequest(prisma, request));
  return Response.json({ account: me, progress: await progressOverview(prisma, me, me.id) });
});

/** Deletes the caller's account and everything in it; the body must repeat the email: `{ confirmEmail }`. */
export const DELETE = handleErrors(async (request: Request) => {
  const prisma = await db();
  const actor = await actorFromRequest(prisma, request);
  const body: unknown = await request.json().catch(() => {
    throw new AppError("bad_request", "Confirm by sending { \"confirmEmail\": \"<your email>\" }.");
  });
  await deleteAccount(prisma, actor, body);
  return new Response(null, { status: 204 });
});
