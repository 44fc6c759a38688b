"use server";
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn } from "@/server/auth";
import { signInSchema } from "@/lib/validations/account";
import { safeNextPath } from "@/lib/validations/next-path";
import { wrongCredentialsMessage } from "@/server/accounts/credentials";
import { rateLimitedError, signInKeys, waitFor } from "@/server/accounts/rate-limit";
import { clientAddress } from "@/server/auth/client-address";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { AppError, runAction, type ActionResult } from "@/server/errors";

/** Email + password sign-in. On success the session cookie is set and the form sends the browser's progress. */
export async function signInWithPassword(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const { email, password } = signInSchema.parse(input);
    try {
      await signIn("credentials", { email, password, redirect: false });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      // next-auth keeps only an error code; the wait, if any, is read back from the counters (without a hit).
      const keys = signInKeys({ email, address: clientAddress(await headers(), env.TRUSTED_PROXY_HOPS) });
      const wait = await waitFor({ db: await db() }, [keys.address, keys.account]);
      if (wait > 0) throw rateLimitedError(wait);
      throw new AppError("unauthenticated", wrongCredentialsMessage);
    }
    return undefined;
  });
}

/** Starts GitHub's OAuth flow (only offered when AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are set). */
export async function signInWithGitHub(formData: FormData): Promise<void> {
  const next = safeNextPath(formData.get("next"));
  await signIn("github", { redirectTo: next });
}
