"use server";
import { signOut } from "@/server/auth";
import { redirect } from "next/navigation";
import { deleteAccount } from "@/server/accounts/account-data";
import { signOutEverywhere } from "@/server/accounts/recovery";
import { leaveCohort } from "@/server/cohorts/membership";
import { currentContext } from "@/server/auth/current-actor";
import { runAction, type ActionResult } from "@/server/errors";

/** Deletes the signed-in account (the input must repeat its email) and ends the session. */
export async function deleteMyAccount(input: unknown): Promise<ActionResult> {
  const result = await runAction(async () => {
    await deleteAccount(await currentContext(), input);
    return undefined;
  });
  if (result.ok) await signOut({ redirect: false });
  return result;
}

/** Ends every session of the account (all devices, this one too), then asks for a fresh sign-in. */
export async function signOutOfAllDevices(): Promise<void> {
  await signOutEverywhere(await currentContext());
  await signOut({ redirect: false });
  redirect("/signin?signedOut=everywhere");
}

/** Leaves a cohort: its instructor no longer sees anything of this account, from their next request on. */
export async function leaveCohortAction(cohortId: string): Promise<ActionResult> {
  return runAction(async () => {
    await leaveCohort(await currentContext(), cohortId);
    return undefined;
  });
}
