"use server";
import { redirect } from "next/navigation";
import { resetPassword } from "@/server/accounts/recovery";
import { runAction } from "@/server/errors";
import { currentContext } from "@/server/auth/current-actor";

/** Sets the new password with the mailed token; every session of the account ends, so the learner signs in again. */
export async function chooseNewPassword(formData: FormData): Promise<void> {
  const token = formData.get("token");
  const result = await runAction(async () => resetPassword(await currentContext(), { token, password: formData.get("password") }));
  if (result.ok) redirect("/signin?reset=1");
  const problem = result.fields?.password ? "password" : "token";
  redirect(`/reset-password?${new URLSearchParams({ token: typeof token === "string" ? token : "", error: problem }).toString()}`);
}
