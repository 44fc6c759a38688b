import "server-only";
// Single-use, time-limited tokens sent by mail (ASVS 2.5, 2.7): 32 random bytes, of which only the SHA-256 is
// stored, so reading the database does not let anyone use one. Using a token marks it used in the same
// statement that checks it is unused and unexpired, so two clicks cannot both succeed.
import { createHash, randomBytes } from "node:crypto";
import type { AccountTokenKind } from "@/generated/prisma/client";
import type { DbContext } from "@/server/context";

export const tokenLifetimeMs: Record<AccountTokenKind, number> = {
  PASSWORD_RESET: 30 * 60_000,
  EMAIL_VERIFICATION: 24 * 60 * 60_000,
};

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new token for the user; earlier unused ones of the same kind stop working. */
export async function issueToken(ctx: DbContext, userId: string, kind: AccountTokenKind, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await ctx.db.$transaction([
    ctx.db.accountToken.deleteMany({ where: { userId, kind } }),
    ctx.db.accountToken.create({ data: { userId, kind, tokenHash: digest(token), expiresAt: new Date(now.getTime() + tokenLifetimeMs[kind]) } }),
  ]);
  return token;
}

/** The user the token was issued to, consuming it; null when it is unknown, used, expired or of another kind. */
export async function consumeToken(ctx: DbContext, token: string, kind: AccountTokenKind, now = new Date()): Promise<string | null> {
  if (token.length < 20 || token.length > 100) return null;
  const tokenHash = digest(token);
  const { count } = await ctx.db.accountToken.updateMany({ where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (count !== 1) return null;
  const row = await ctx.db.accountToken.findUnique({ where: { tokenHash }, select: { userId: true } });
  return row?.userId ?? null;
}
