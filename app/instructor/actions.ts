"use server";
import { revalidatePath } from "next/cache";
import { currentContext } from "@/server/auth/current-actor";
import { runAction, type ActionResult } from "@/server/errors";
import { addCohortMember, createCohort, removeCohortMember } from "@/server/cohorts/cohorts";

export async function createCohortAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const cohort = await createCohort(await currentContext(), input);
    revalidatePath("/instructor");
    return { id: cohort.id };
  });
}

export async function addMemberAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    await addCohortMember(await currentContext(), input);
    revalidatePath("/instructor");
    return undefined;
  });
}

export async function removeMemberAction(cohortId: string, userId: string): Promise<ActionResult> {
  return runAction(async () => {
    await removeCohortMember(await currentContext(), cohortId, userId);
    revalidatePath("/instructor");
    return undefined;
  });
}
