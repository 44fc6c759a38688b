// What our sessions carry beyond next-auth's defaults: the user's id, role and session version.
import type { DefaultSession } from "next-auth";
import type { Role } from "@/generated/prisma/client";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
    /** The user's session version the cookie was issued under (see server/auth/actor.ts). */
    sessionVersion: number;
    /** When the holder signed in (seconds since the epoch). */
    authAt: number;
    /** The staff areas the header links to, decided by server/authz (the pages check again). */
    areas: { admin: boolean; instructor: boolean };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    sv?: number;
    authAt?: number;
  }
}

export {};
