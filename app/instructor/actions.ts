"use server";
import { revalidatePath } from "next/cache";
import type { Route } from "next";
import { redirect } from "next/navigation";
import { cohortPaths } from "@/lib/api/web-api";
import { currentContext } from "@/server/auth/current-actor";
import { runAction, type ActionResult } from "@/server/errors";
import { changeJoinLink, createCohort, removeCohortMember } from "@/server/cohorts/cohorts";

export async function createCohortAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const cohort = await createCohort(await currentContext(), input);
    revalidatePath("/instructor");
    return { id: cohort.id };
  });
}

/** Rotate, disable or set the expiry of a cohort's join link (`{ change, cohortId, expiresAt? }`). */
export async function changeJoinLinkAction(input: unknown): Promise<ActionResult<{ joinCode: string | null; joinExpiresAt: string | null }>> {
  return runAction(async () => {
    const link = await changeJoinLink(await currentContext(), input);
    return { joinCode: link.joinCode, joinExpiresAt: link.joinExpiresAt?.toISOString() ?? null };
  });
}

/** Takes a learner out of the cohort (from their drill-down page), then returns to the cohort. */
export async function removeMemberAction(cohortId: string, userId: string): Promise<void> {
  await removeCohortMember(await currentContext(), cohortId, userId);
  revalidatePath("/instructor");
  redirect(cohortPaths.page(cohortId) as Route);
}
