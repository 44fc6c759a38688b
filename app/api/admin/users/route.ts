import { listUsers } from "@/server/authoring/users";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Admins: accounts whose email or name contains `?q=`, newest first (a page of 50, with the total). */
export const GET = route({ permission: "users:manage" }, async ({ ctx, request }) =>
  Response.json(await listUsers(ctx, new URL(request.url).searchParams.get("q") ?? "")),
);
