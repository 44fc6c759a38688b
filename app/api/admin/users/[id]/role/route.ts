import { changeRole } from "@/server/authoring/users";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Admins: `{ role }` for the user, audited; refused (409) when it would leave no admin. */
export const POST = route<{ id: string }>({ permission: "users:manage", body: { maxBytes: bodyLimits.small } }, async ({ ctx, params, json }) =>
  Response.json(await changeRole(ctx, params.id, json)),
);
