import "server-only";
// Email + password sign-in and sign-up. Returns the Actor next-auth puts into its JWT.
import type { PrismaClient } from "@/generated/prisma/client";
import { Prisma } from "@/generated/prisma/client";
import { signInSchema, signUpSchema } from "@/lib/validations/account";
import type { Actor } from "@/server/authz";
import { AppError } from "@/server/errors";
import { hashPassword, verifyPassword } from "./passwords";
import { assertSignInAllowed, clearFailedSignIns, recordFailedSignIn } from "./rate-limit";

export const wrongCredentialsMessage = "That email and password do not match an account. Check both and try again.";

export async function authenticate(prisma: PrismaClient, input: unknown, address: string): Promise<Actor> {
  const { email, password } = signInSchema.parse(input);
  const keys = { email, address };
  await assertSignInAllowed(prisma, keys);
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, role: true, passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await recordFailedSignIn(prisma, keys);
    throw new AppError("unauthenticated", wrongCredentialsMessage);
  }
  await clearFailedSignIns(prisma, email);
  return { id: user.id, email: user.email, role: user.role };
}

export async function registerLearner(prisma: PrismaClient, input: unknown): Promise<Actor> {
  const { email, password, name } = signUpSchema.parse(input);
  const passwordHash = await hashPassword(password);
  try {
    const user = await prisma.user.create({ data: { email, name, passwordHash }, select: { id: true, email: true, role: true } });
    return user;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with that email already exists. Sign in instead.", { details: { fields: { email: "An account with that email already exists." } } });
    }
    throw error;
  }
}
