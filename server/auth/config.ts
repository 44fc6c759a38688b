import "server-only";
// next-auth v5: email + password (argon2id, rate limited) always; GitHub only when its id and secret are set.
// Sessions are JWTs carrying the user's id, role and session version. Credentials sign-in needs JWTs in
// next-auth, and a per-user session version checked against the database on every request gives what database
// sessions would (revocation) for one indexed read we make anyway to learn the current role: sign-out, "sign
// out everywhere" and a password change bump the version, and every cookie issued before stops working.
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { authenticate } from "@/server/accounts/credentials";
import { signInWithOAuth } from "@/server/accounts/oauth";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { isAppError } from "@/server/errors";
import { staffAreas } from "@/server/authz";
import { sessionCurrent } from "./actor";
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
        return await authenticate({ db: await db() }, input, clientAddress(request.headers, env.TRUSTED_PROXY_HOPS));
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
  // ASVS 3.3.2: re-authentication after 12 hours without use (each use re-issues the cookie), and 30 days after
  // sign-in however active (server/auth/actor.ts).
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers,
  callbacks: {
    async signIn({ user, account }) {
      if (!account || account.type === "credentials") return true;
      try {
        const actor = await signInWithOAuth({ db: await db() }, {
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
      const prisma = await db();
      const select = { role: true, email: true, name: true, sessionVersion: true } as const;
      if (user?.id) {
        const signedIn = await prisma.user.findUnique({ where: { id: user.id }, select });
        if (!signedIn) return null;
        return { ...token, sub: user.id, role: signedIn.role, sv: signedIn.sessionVersion, authAt: Math.floor(Date.now() / 1000) };
      }
      if (!token.sub || !sessionCurrent(token)) return null;
      const current = await prisma.user.findUnique({ where: { id: token.sub }, select });
      if (!current || current.sessionVersion !== token.sv) return null;
      return { ...token, role: current.role, email: current.email, name: current.name };
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.role = token.role ?? "LEARNER";
      session.sessionVersion = token.sv ?? -1;
      session.authAt = token.authAt ?? 0;
      session.areas = staffAreas(token.sub && token.role ? { id: token.sub, email: session.user.email ?? "", role: token.role } : null);
      return session;
    },
  },
  events: {
    // Signing out revokes the session on the server too: a copy of the cookie taken before is worthless after.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.sub || typeof token.sv !== "number") return;
      await (await db()).user.updateMany({ where: { id: token.sub, sessionVersion: token.sv }, data: { sessionVersion: { increment: 1 } } });
    },
  },
};
