import { z } from "zod";

export const createCohortSchema = z.object({ name: z.string().trim().min(1, "Give the cohort a name.").max(100, "Keep the name under 100 characters.") }).strict();

/** The secret in a join link: what createJoinCode issues (base64url), bounded so a guess costs no query. */
export const joinCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "This join link is not valid.");

/** Joining: the link's code and the version of the sharing statement the learner was shown and accepted. */
export const joinCohortSchema = z.object({ code: joinCodeSchema, consentVersion: z.number().int().positive() }).strict();

/** What an instructor does to a cohort's join link: a new code (old links stop), off, or an expiry (or none). */
export const joinLinkChangeSchema = z.discriminatedUnion("change", [
  z.object({ change: z.literal("rotate"), cohortId: z.string().min(1).max(100) }).strict(),
  z.object({ change: z.literal("disable"), cohortId: z.string().min(1).max(100) }).strict(),
  z
    .object({
      change: z.literal("expiry"),
      cohortId: z.string().min(1).max(100),
      /** ISO date-time, or null for a link that does not expire. */
      expiresAt: z.iso.datetime({ offset: true }).nullable(),
    })
    .strict(),
]);
