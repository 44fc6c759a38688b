import "server-only";
// next-auth v5: email + password (argon2id, rate limited) always; GitHub only when its id and secret are set.
// Sessions are JWTs carrying the user's id and role; the role is re-read from the database on every session
// check, so a role change or a deleted account takes effect at once.
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { authenticate } from "@/server/accounts/credentials";
import { signInWithOAuth } from "@/server/accounts/oauth";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { isAppError } from "@/server/errors";
import { clientAddress } from "./client-address";
import { SignInRateLimited, WrongCredentials } from "./sign-in-errors";
import "./next-auth-types";

export const githubEnabled = Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);

const providers: NextAuthConfig["providers"] = [
  Credentials({
    credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
    async authorize(credentials, request) {
      const input = { email: credentials.email, password: credentials.password };
      try {
        return await authenticate(await db(), input, clientAddress(request.headers));
      } catch (error) {
        if (isAppError(error) && error.code === "rate_limited") throw new SignInRateLimited();
        if (isAppError(error) || (error instanceof Error && error.name === "ZodError")) throw new WrongCredentials();
        throw error;
      }
    },
  }),
];
if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
  providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
}

export const authConfig: NextAuthConfig = {
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers,
  callbacks: {
    async signIn({ user, account }) {
      if (!account || account.type === "credentials") return true;
      try {
        const actor = await signInWithOAuth(await db(), {
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          type: account.type,
          email: user.email,
          emailVerified: false,
          name: user.name,
          image: user.image,
        });
        // The same object reaches the jwt callback: from here on it is our user, not the provider's.
        user.id = actor.id;
        user.role = actor.role;
        return true;
      } catch (error) {
        if (isAppError(error)) return `/signin?error=${error.code === "conflict" ? "oauth-email-taken" : "oauth-no-email"}`;
        throw error;
      }
    },
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role ?? "LEARNER";
        return token;
      }
      if (!token.sub) return null;
      const current = await (await db()).user.findUnique({ where: { id: token.sub }, select: { role: true, email: true, name: true } });
      if (!current) return null;
      return { ...token, role: current.role, email: current.email, name: current.name };
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.role = token.role ?? "LEARNER";
      return session;
    },
  },
};
