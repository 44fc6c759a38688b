import type { Role } from "@/generated/prisma/client";

/** Who is asking: a signed-in user as the database knows them now (not as their cookie remembers), or null. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  /** Absent counts as unverified: where verification is required, an actor built without it may not grade. */
  emailVerified?: boolean;
}
