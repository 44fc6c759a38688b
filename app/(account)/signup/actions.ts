"use server";
import { headers } from "next/headers";
import { signIn } from "@/server/auth";
import { signUpSchema } from "@/lib/validations/account";
import { registerLearner } from "@/server/accounts/credentials";
import { sendVerificationMail } from "@/server/accounts/recovery";
import { clientAddress } from "@/server/auth/client-address";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { runAction, type ActionResult } from "@/server/errors";

/** Creates a learner account and signs it in; the form then sends the browser's progress to it. */
export async function signUp(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const account = signUpSchema.parse(input);
    const database = { db: await db() };
    const learner = await registerLearner(database, account, clientAddress(await headers(), env.TRUSTED_PROXY_HOPS));
    // The account stands even if the mail does not go out: settings offer to send the link again.
    if (env.REQUIRE_EMAIL_VERIFICATION) await sendVerificationMail({ ...database, actor: learner }).catch((error: unknown) => console.error("verification mail not sent", error));
    await signIn("credentials", { email: account.email, password: account.password, redirect: false });
    return undefined;
  });
}
