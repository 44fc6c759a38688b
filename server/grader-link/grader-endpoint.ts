import "server-only";
// Where this web instance finds its grader (GRADER_URL, GRADER_TOKEN).
import { env } from "@/server/env";
import type { GraderEndpoint } from "./grader-client";

export const graderEndpoint: GraderEndpoint = { url: env.GRADER_URL, token: env.GRADER_TOKEN };
