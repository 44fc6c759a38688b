"use server";
import { signIn } from "@/auth";
import { signUpSchema } from "@/lib/validations/account";
import { registerLearner } from "@/server/accounts/credentials";
import { db } from "@/server/db";
import { runAction, type ActionResult } from "@/server/errors";

/** Creates a learner account and signs it in; the form then sends the browser's progress to it. */
export async function signUp(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const account = signUpSchema.parse(input);
    await registerLearner(await db(), account);
    await signIn("credentials", { email: account.email, password: account.password, redirect: false });
    return undefined;
  });
}
