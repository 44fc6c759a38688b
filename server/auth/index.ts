// next-auth's entry points for the app: route handlers, auth() for pages and actions, signIn/signOut.
import NextAuth from "next-auth";
import { authConfig } from "@/server/auth/config";

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
