import "server-only";
// Forgotten passwords and address verification by mail (ASVS V2.5). Asking for a reset answers the same whether
// or not the address has an account (no enumeration) and is rate limited per address and per account; the
// link carries a single-use token valid 30 minutes. Setting a new password with it revokes every session and
// counts as proof the learner reads that mailbox. Links are built on AUTH_URL (required with SMTP, see env.ts),
// never on the Host header of the request that asked, which an attacker could set to their own site.
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/validations/account";
import { requireActor } from "@/server/authz";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { rateLimits } from "@/server/http/limits";
import { sendMail, type MailSettings } from "@/server/mail/mailer";
import { consumeToken, issueToken } from "./account-tokens";
import { hashPassword } from "./passwords";
import { consume, forget } from "./rate-limit";
import { revokeSessions } from "@/server/auth/actor";
import type { Ctx } from "@/server/context";

/** The data functions' context, and where links point and mail goes (tests pass their own). */
export interface RecoveryContext extends Ctx {
  /** Where links in mail point: AUTH_URL, or this machine in development. */
  siteUrl?: string;
  mail?: MailSettings;
}

const siteUrlOf = (ctx: RecoveryContext) => (ctx.siteUrl ?? env.AUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");

export async function requestPasswordReset(ctx: RecoveryContext, input: unknown, address: string): Promise<void> {
  const { email } = forgotPasswordSchema.parse(input);
  await consume(ctx, [{ key: `mail:address:${address}`, limit: rateLimits.mailPerAddress }], "emails requested from your network");
  const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return;
  const perAccount = await ctx.db.rateLimitBucket.findUnique({ where: { key: `mail:account:${user.id}` }, select: { count: true, resetAt: true } });
  // Quietly: a refusal here would tell the asker the account exists.
  if (perAccount && perAccount.resetAt > new Date() && perAccount.count >= rateLimits.mailPerAccount.max) return;
  await consume(ctx, [{ key: `mail:account:${user.id}`, limit: rateLimits.mailPerAccount }]);
  const token = await issueToken(ctx, user.id, "PASSWORD_RESET");
  await sendMail(
    {
      to: email,
      subject: "Reset your Shipshape password",
      text: `Someone (hopefully you) asked to reset the password of your Shipshape account.\n\nChoose a new password here within 30 minutes:\n${siteUrlOf(ctx)}/reset-password?token=${token}\n\nIf it was not you, ignore this mail: your password stays as it is.\n`,
    },
    ctx.mail,
  );
}

/** Sets a new password with a reset token; every session of the account ends. Returns the account's email. */
export async function resetPassword(ctx: RecoveryContext, input: unknown): Promise<string> {
  const { token, password } = resetPasswordSchema.parse(input);
  const userId = await consumeToken(ctx, token, "PASSWORD_RESET");
  if (!userId) throw new AppError("invalid_input", "This reset link is used, expired or wrong. Ask for a new one.", { details: { fields: { token: "Ask for a new link." } } });
  const passwordHash = await hashPassword(password);
  const user = await ctx.db.user.update({
    where: { id: userId },
    data: { passwordHash, emailVerified: new Date(), sessionVersion: { increment: 1 } },
    select: { email: true },
  });
  // The owner proved they read the mailbox: earlier guesses against the account no longer hold them back.
  await ctx.db.rateLimitBucket.deleteMany({ where: { key: { startsWith: `sign-in:account:${user.email}|` } } });
  return user.email;
}

export async function sendVerificationMail(ctx: RecoveryContext): Promise<void> {
  const me = requireActor(ctx.actor);
  if (me.emailVerified) return;
  await consume(ctx, [{ key: `mail:account:${me.id}`, limit: rateLimits.mailPerAccount }], "emails sent to your address");
  const token = await issueToken(ctx, me.id, "EMAIL_VERIFICATION");
  await sendMail(
    {
      to: me.email,
      subject: "Confirm your email address for Shipshape",
      text: `Confirm that this address is yours, so you can grade exercises on Shipshape. The link works for 24 hours:\n${siteUrlOf(ctx)}/verify-email?token=${token}\n\nIf you did not create an account, ignore this mail.\n`,
    },
    ctx.mail,
  );
}

export async function verifyEmail(ctx: RecoveryContext, token: unknown): Promise<void> {
  const userId = typeof token === "string" ? await consumeToken(ctx, token, "EMAIL_VERIFICATION") : null;
  if (!userId) throw new AppError("invalid_input", "This confirmation link is used, expired or wrong. Send a new one from Account settings.");
  await ctx.db.user.update({ where: { id: userId }, data: { emailVerified: new Date() } });
  await forget(ctx, `mail:account:${userId}`);
}

/** "Sign out everywhere": every session of the caller ends, this one included. */
export async function signOutEverywhere(ctx: Ctx): Promise<void> {
  await revokeSessions(ctx, requireActor(ctx.actor).id);
}
