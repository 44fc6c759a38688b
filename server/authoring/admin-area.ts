import "server-only";
// Who may open the admin area at all, and which of its sections: each page's data function checks again.
import { hasPermission, requireActor } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";

export interface AdminSections {
  content: boolean;
  users: boolean;
}

/** Throws 401 for visitors and 404 (through orNotFound) for a signed-in user with neither permission. */
export function adminSections({ actor }: Ctx): AdminSections {
  const signedIn = requireActor(actor);
  const sections = { content: hasPermission(signedIn, "content:author"), users: hasPermission(signedIn, "users:manage") };
  if (!sections.content && !sections.users) throw new AppError("not_found", "No such page.");
  return sections;
}
