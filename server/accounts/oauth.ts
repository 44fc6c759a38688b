import "server-only";
// Links an OAuth identity (GitHub) to a user: the same identity finds its user again; a new identity with an
// email that already has an account joins that account only when the provider has verified the email.
import { emailSchema } from "@/lib/validations/account";
import type { Actor } from "@/server/authz";
import { AppError } from "@/server/errors";
import { isReservedEmail } from "./demo-accounts";
import type { DbContext } from "@/server/context";

export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  type: string;
  email: string | null | undefined;
  emailVerified: boolean;
  name?: string | null;
  image?: string | null;
}

const actorSelect = { id: true, email: true, role: true } as const;

export async function signInWithOAuth(ctx: DbContext, identity: OAuthIdentity): Promise<Actor> {
  const linked = await ctx.db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { user: { select: actorSelect } },
  });
  if (linked) return linked.user;

  const email = emailSchema.safeParse(identity.email);
  if (!email.success) throw new AppError("bad_request", `Your ${identity.provider} account has no public email address; add one there or sign up with email and password.`);
  if (isReservedEmail(email.data)) throw new AppError("bad_request", `Your ${identity.provider} email is on a domain reserved for this server's demo accounts.`);
  const existing = await ctx.db.user.findUnique({ where: { email: email.data }, select: actorSelect });
  if (existing && !identity.emailVerified) {
    throw new AppError("conflict", `An account with ${email.data} exists. Sign in with your password first; an unverified ${identity.provider} email cannot claim it.`);
  }
  const account = { type: identity.type, provider: identity.provider, providerAccountId: identity.providerAccountId };
  if (existing) {
    await ctx.db.account.create({ data: { ...account, userId: existing.id } });
    return existing;
  }
  return ctx.db.user.create({
    data: { email: email.data, name: identity.name ?? undefined, image: identity.image ?? undefined, emailVerified: identity.emailVerified ? new Date() : undefined, accounts: { create: account } },
    select: actorSelect,
  });
}
