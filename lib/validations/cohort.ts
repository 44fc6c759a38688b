import { z } from "zod";
import { emailSchema } from "./account";

export const createCohortSchema = z.object({ name: z.string().trim().min(1, "Give the cohort a name.").max(100, "Keep the name under 100 characters.") }).strict();

export const addCohortMemberSchema = z.object({ cohortId: z.string().min(1).max(100), email: emailSchema }).strict();
