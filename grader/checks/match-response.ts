// Compares a probe's answer with an exercise's expectation; "$GREETING" in expected JSON stands for the random
// value the grading ran the container with.
import type { z } from "zod";
import type { httpExpectSchema } from "@/grader/contract";
import type { ProbeResponse } from "./check";

type Expect = z.infer<typeof httpExpectSchema>;

export function matchResponse(expect: Expect, res: Extract<ProbeResponse, { ok: true }>, greeting: string | null): string[] {
  const problems: string[] = [];
  if (res.status !== expect.status) problems.push(`the status was ${res.status}, expected ${expect.status}`);
  if (expect.bodyIncludes && !res.body.includes(expect.bodyIncludes)) problems.push(`the body does not contain "${expect.bodyIncludes}"`);
  if (expect.json || expect.jsonKeys) {
    const obj = res.json;
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
      problems.push("the body is not a JSON object");
      return problems;
    }
    const record = obj as Record<string, unknown>;
    for (const key of expect.jsonKeys ?? []) if (!(key in record)) problems.push(`the JSON has no "${key}" field`);
    for (const [key, want] of Object.entries(expect.json ?? {})) {
      const expected = want === "$GREETING" ? greeting : want;
      if (JSON.stringify(record[key]) !== JSON.stringify(expected)) problems.push(`"${key}" is ${JSON.stringify(record[key])}, expected ${JSON.stringify(expected)}`);
    }
  }
  return problems;
}
