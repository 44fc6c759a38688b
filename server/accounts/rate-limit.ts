import "server-only";
// Rate limits kept in the database (every web instance sees the same counts). A hit is counted before the work
// it guards, in one INSERT … ON CONFLICT statement, so parallel requests cannot all read "4 of 5" and all pass:
// the database hands each its own number. Past the limit the window is pushed out exponentially (1 min, 2 min,
// 4 min … capped), so a guesser who keeps going waits longer and longer while a user who mistyped a few times
// waits out the window once.
import { AppError } from "@/server/errors";
import { rateLimits, type RateLimit } from "@/server/http/limits";
import type { DbContext } from "@/server/context";

export interface Hit {
  allowed: boolean;
  count: number;
  /** Milliseconds until the bucket allows again (0 while allowed). */
  waitMs: number;
}

export async function hit(ctx: DbContext, key: string, limit: RateLimit, now = new Date()): Promise<Hit> {
  const rows = await ctx.db.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt")
    VALUES (${key}, 1, ${new Date(now.getTime() + limit.windowMs)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "resetAt" = CASE
        WHEN "RateLimitBucket"."resetAt" <= ${now} THEN EXCLUDED."resetAt"
        WHEN "RateLimitBucket"."count" + 1 > ${limit.max}
          THEN GREATEST("RateLimitBucket"."resetAt", ${now}::timestamp(3) + make_interval(secs => LEAST(${limit.maxBackoffMs}::float8, ${limit.backoffMs}::float8 * power(2, "RateLimitBucket"."count" - ${limit.max})) / 1000))
        ELSE "RateLimitBucket"."resetAt" END
    RETURNING "count", "resetAt"`;
  const row = rows[0];
  if (!row) throw new Error(`rate limit ${key}: the upsert returned no row`);
  const count = Number(row.count);
  const allowed = count <= limit.max;
  return { allowed, count, waitMs: allowed ? 0 : Math.max(1000, row.resetAt.getTime() - now.getTime()) };
}

/** Milliseconds until every one of the keys allows again, without counting a hit (0: allowed now). */
export async function waitFor(ctx: DbContext, keys: readonly { key: string; limit: RateLimit }[], now = new Date()): Promise<number> {
  const rows = await ctx.db.rateLimitBucket.findMany({ where: { key: { in: keys.map((k) => k.key) }, resetAt: { gt: now } }, select: { key: true, count: true, resetAt: true } });
  let wait = 0;
  for (const row of rows) {
    const limit = keys.find((k) => k.key === row.key)?.limit;
    if (limit && row.count >= limit.max) wait = Math.max(wait, row.resetAt.getTime() - now.getTime());
  }
  return wait;
}

/** Gives one hit back (a sign-in that succeeded is not a failure to count against its address). */
export async function refund(ctx: DbContext, key: string): Promise<void> {
  await ctx.db.$executeRaw`UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

export async function forget(ctx: DbContext, key: string): Promise<void> {
  await ctx.db.rateLimitBucket.deleteMany({ where: { key } });
}

/** Buckets whose window ended a day ago hold nothing worth keeping; trimmed on writes, no cron job. */
export async function trimExpired(ctx: DbContext, now = new Date()): Promise<void> {
  await ctx.db.rateLimitBucket.deleteMany({ where: { resetAt: { lt: new Date(now.getTime() - 86_400_000) } } });
}

export function rateLimitedError(waitMs: number, what = "sign-in attempts"): AppError {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return new AppError("rate_limited", `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { retryAfterSeconds: waitMs / 1000 });
}

/** Counts one hit on every key and throws 429 with the longest wait if any of them is over its limit. */
export async function consume(ctx: DbContext, keys: readonly { key: string; limit: RateLimit }[], what?: string, now = new Date()): Promise<void> {
  const hits = await Promise.all(keys.map(({ key, limit }) => hit(ctx, key, limit, now)));
  const wait = Math.max(0, ...hits.map((h) => h.waitMs));
  if (wait > 0) throw rateLimitedError(wait, what);
}

export const signInKeys = ({ email, address }: { email: string; address: string }) => ({
  address: { key: `sign-in:address:${address}`, limit: rateLimits.signInPerAddress },
  // Keyed by the pair, so a stranger's wrong guesses from elsewhere never lock the owner out of their account.
  account: { key: `sign-in:account:${email}|${address}`, limit: rateLimits.signInPerAccountAndAddress },
});
