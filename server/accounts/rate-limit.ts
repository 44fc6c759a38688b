import "server-only";
// Failed sign-ins counted per email and per client address in a sliding window (AuthAttempt rows). The email
// limit stops guessing one account's password; the address limit stops trying one password on many accounts.
import type { PrismaClient } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

export const signInLimits = {
  windowMs: 15 * 60_000,
  perEmail: 5,
  perAddress: 20,
} as const;

export interface AttemptKeys {
  email: string;
  address: string;
}

function keysOf({ email, address }: AttemptKeys): { key: string; limit: number }[] {
  return [
    { key: `email:${email}`, limit: signInLimits.perEmail },
    { key: `address:${address}`, limit: signInLimits.perAddress },
  ];
}

/** Milliseconds until the caller may try again, or 0 when they may try now. */
export async function signInBlockedFor(prisma: PrismaClient, keys: AttemptKeys, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - signInLimits.windowMs);
  let wait = 0;
  for (const { key, limit } of keysOf(keys)) {
    const recent = await prisma.authAttempt.findMany({ where: { key, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, take: limit, select: { createdAt: true } });
    const oldestCounted = recent[limit - 1];
    if (oldestCounted) wait = Math.max(wait, oldestCounted.createdAt.getTime() + signInLimits.windowMs - now.getTime());
  }
  return wait;
}

export function rateLimitedError(waitMs: number): AppError {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return new AppError("rate_limited", `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { retryAfterSeconds: waitMs / 1000 });
}

export async function assertSignInAllowed(prisma: PrismaClient, keys: AttemptKeys, now = new Date()): Promise<void> {
  const wait = await signInBlockedFor(prisma, keys, now);
  if (wait > 0) throw rateLimitedError(wait);
}

export async function recordFailedSignIn(prisma: PrismaClient, keys: AttemptKeys, now = new Date()): Promise<void> {
  await prisma.authAttempt.createMany({ data: keysOf(keys).map(({ key }) => ({ key, createdAt: now })) });
  // Old rows are useless once outside the window; trimming here keeps the table small without a cron job.
  await prisma.authAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - signInLimits.windowMs) } } });
}

/** A correct password forgives the account's earlier typos (the address count stays). */
export async function clearFailedSignIns(prisma: PrismaClient, email: string): Promise<void> {
  await prisma.authAttempt.deleteMany({ where: { key: `email:${email}` } });
}
