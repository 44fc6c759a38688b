"use server";
import { redirect } from "next/navigation";
import { sendVerificationMail, verifyEmail } from "@/server/accounts/recovery";
import { currentContext } from "@/server/auth/current-actor";
import { runAction } from "@/server/errors";

/** Confirms the address with the mailed token (a button, not the link itself: mail scanners open links). */
export async function confirmEmail(formData: FormData): Promise<void> {
  const result = await runAction(async () => verifyEmail(await currentContext(), formData.get("token")));
  redirect(result.ok ? "/settings?verified=1" : "/verify-email?error=token");
}

/** Sends a new confirmation link to the signed-in account's address. */
export async function resendConfirmation(): Promise<void> {
  const result = await runAction(async () => sendVerificationMail(await currentContext()));
  redirect(result.ok ? "/settings?confirmation=sent" : `/settings?confirmation=${result.code}`);
}
