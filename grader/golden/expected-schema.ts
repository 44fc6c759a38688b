// expected.yaml beside each exercise: the verdict its starter, solution and every mistake fixture must get.
// `failing` lists required checks that must come out "fail" (at least these; others may fail too).
import fs from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { checkIdSchema } from "@/grader/contract";

const outcomeSchema = z
  .object({
    status: z.enum(["pass", "fail", "error"]),
    failing: z.array(checkIdSchema).default([]),
    why: z.string().min(1).optional(),
  })
  .strict()
  .refine((o) => o.status !== "pass" || o.failing.length === 0, "a passing case cannot name failing checks");

export const expectedSchema = z
  .object({
    starter: outcomeSchema.optional(),
    solution: outcomeSchema.refine((o) => o.status === "pass", "the solution must pass"),
    mistakes: z.record(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "mistake folders are kebab-case"), outcomeSchema.refine((o) => o.why !== undefined, "say why in one line")).default({}),
  })
  .strict();

export type Expected = z.infer<typeof expectedSchema>;
export type ExpectedOutcome = z.infer<typeof outcomeSchema>;

export async function readExpected(exerciseDir: string): Promise<Expected> {
  const file = path.join(exerciseDir, "expected.yaml");
  const parsed = expectedSchema.safeParse(parseYaml(await fs.readFile(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** Every exercise folder the golden suite walks: the courses in content/ and the grader's own fixtures. */
export async function exerciseDirs(roots: string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 5) return;
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const sub = path.join(dir, e.name);
      if (path.basename(dir) === "exercises" && (await fs.stat(path.join(sub, "exercise.yaml")).catch(() => null))) found.push(sub);
      else await walk(sub, depth + 1);
    }
  };
  for (const root of roots) await walk(root, 0);
  return found.sort();
}
