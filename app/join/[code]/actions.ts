"use server";
import { currentContext } from "@/server/auth/current-actor";
import { runAction, type ActionResult } from "@/server/errors";
import { joinCohort } from "@/server/cohorts/membership";

/** Joins the cohort of a link (`{ code, consentVersion }`): the learner's own consent, from the join page. */
export async function joinCohortAction(input: unknown): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const joined = await joinCohort(await currentContext(), input);
    return { name: joined.name };
  });
}
