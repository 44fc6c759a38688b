import { deleteAccount } from "@/server/accounts/account-data";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";
import { progressOverview } from "@/server/progress/summary";

export const dynamic = "force-dynamic";

/** The caller's account and progress overview (what /me shows). */
export const GET = route({ permission: "signed-in" }, async ({ ctx }) =>
  Response.json({ account: ctx.actor, progress: await progressOverview(ctx, ctx.actor.id) }),
);

/** Deletes the caller's account and everything in it; the body must repeat the email: `{ confirmEmail }`. */
export const DELETE = route({ permission: "own-data", body: { maxBytes: bodyLimits.small } }, async ({ ctx, json }) => {
  await deleteAccount(ctx, json);
  return new Response(null, { status: 204 });
});
