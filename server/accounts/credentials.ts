import "server-only";
// Email + password sign-in and sign-up. Returns the Actor next-auth puts into its JWT.
import { Prisma } from "@/generated/prisma/client";
import { signInSchema, signUpSchema } from "@/lib/validations/account";
import type { Actor } from "@/server/authz";
import { AppError } from "@/server/errors";
import { rateLimits } from "@/server/http/limits";
import { isReservedEmail } from "./demo-accounts";
import { hashPassword, verifyPassword } from "./passwords";
import { consume, forget, refund, signInKeys, trimExpired } from "./rate-limit";
import type { DbContext } from "@/server/context";

export const wrongCredentialsMessage = "That email and password do not match an account. Check both and try again.";

/**
 * Checks an email and password. The attempt is counted before the password is looked at (so parallel guesses
 * get one count each), per address and per email + address; a correct password forgives its own pair's count
 * and is not held against the address.
 */
export async function authenticate(ctx: DbContext, input: unknown, address: string): Promise<Actor> {
  const { email, password } = signInSchema.parse(input);
  const keys = signInKeys({ email, address });
  await consume(ctx, [keys.address, keys.account]);
  const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true, email: true, role: true, passwordHash: true, emailVerified: true } });
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await trimExpired(ctx);
    throw new AppError("unauthenticated", wrongCredentialsMessage);
  }
  await forget(ctx, keys.account.key);
  await refund(ctx, keys.address.key);
  return { id: user.id, email: user.email, role: user.role, emailVerified: user.emailVerified !== null };
}

export async function registerLearner(ctx: DbContext, input: unknown, address: string): Promise<Actor> {
  const { email, password, name } = signUpSchema.parse(input);
  if (isReservedEmail(email)) {
    throw new AppError("invalid_input", "That address is reserved for this server's demo accounts.", { details: { fields: { email: "That address is reserved; use your own." } } });
  }
  await consume(ctx, [{ key: `sign-up:address:${address}`, limit: rateLimits.signUpPerAddress }], "sign-ups from your network");
  const passwordHash = await hashPassword(password);
  try {
    const user = await ctx.db.user.create({ data: { email, name, passwordHash }, select: { id: true, email: true, role: true } });
    return { ...user, emailVerified: false };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with that email already exists. Sign in instead.", { details: { fields: { email: "An account with that email already exists." } } });
    }
    throw error;
  }
}
