"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestPasswordReset } from "@/server/accounts/recovery";
import { clientAddress } from "@/server/auth/client-address";
import { env } from "@/server/env";
import { runAction } from "@/server/errors";
import { currentContext } from "@/server/auth/current-actor";

/** Sends a reset link if the address has an account; the answer is the same either way. */
export async function requestReset(formData: FormData): Promise<void> {
  const result = await runAction(async () => requestPasswordReset(await currentContext(), { email: formData.get("email") }, clientAddress(await headers(), env.TRUSTED_PROXY_HOPS)));
  redirect(result.ok ? "/forgot-password?sent=1" : `/forgot-password?error=${result.code}`);
}
