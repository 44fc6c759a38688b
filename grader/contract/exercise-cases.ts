// What an exercise's cases must get, beside its spec: expected.yaml (the starter's, the solution's and every mistake
// case's outcome) and the mistakes/<case>/ file sets. One schema for the grader's golden suite, the web's content
// sync and archive import, the admin's exercise editor and the proving run that gates publishing, so an authored
// exercise is held to what a content/ one is. Pure like the rest of the contract: the caller hands in its files.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { checkIdSchema } from "./check-ids";
import { ExerciseFolderError, readFileTree, type FolderReader } from "./exercise-folder";
import type { FileMap } from "./grading-request";

export const caseNameSchema = z.string().max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "mistake folders are kebab-case");

/** `failing` lists checks that must come out "fail" (at least these; others may fail too). */
export const expectedOutcomeSchema = z
  .object({
    status: z.enum(["pass", "fail", "error"]),
    failing: z.array(checkIdSchema).default([]),
    why: z.string().min(1).optional(),
  })
  .strict()
  .refine((o) => o.status !== "pass" || o.failing.length === 0, "a passing case cannot name failing checks");

export const expectedSchema = z
  .object({
    starter: expectedOutcomeSchema.optional(),
    solution: expectedOutcomeSchema.refine((o) => o.status === "pass", "the solution must pass"),
    mistakes: z.record(caseNameSchema, expectedOutcomeSchema.refine((o) => o.why !== undefined, "say why in one line")).default({}),
  })
  .strict();

export type Expected = z.infer<typeof expectedSchema>;
export type ExpectedOutcome = z.infer<typeof expectedOutcomeSchema>;

export interface ExerciseCases {
  /** expected.yaml, or null for a folder without one. */
  expected: Expected | null;
  /** Each mistakes/<case>/ folder's files. */
  mistakes: Record<string, FileMap>;
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
}

/** expected.yaml's text, validated. */
export function parseExpected(text: string, file = "expected.yaml"): Expected {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ExerciseFolderError(file, [err instanceof Error ? err.message : String(err)]);
  }
  const parsed = expectedSchema.safeParse(raw);
  if (!parsed.success) throw new ExerciseFolderError(file, issuesOf(parsed.error));
  return parsed.data;
}

/** An exercise folder's expected.yaml and mistakes/; every mistake folder needs an expectation and the reverse. */
export async function readExerciseCases(fs: FolderReader & { exists(file: string): boolean }, dir: string): Promise<ExerciseCases> {
  const folder = dir.replace(/\/+$/, "");
  const expectedFile = `${folder}/expected.yaml`;
  const expected = fs.exists(expectedFile) ? parseExpected(await fs.readFile(expectedFile, "utf8"), expectedFile) : null;
  const mistakesDir = `${folder}/mistakes`;
  const mistakes: Record<string, FileMap> = {};
  if (fs.exists(mistakesDir)) {
    for (const entry of await fs.readdir(mistakesDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const name = caseNameSchema.safeParse(entry.name);
      if (!name.success) throw new ExerciseFolderError(`${mistakesDir}/${entry.name}`, issuesOf(name.error));
      mistakes[entry.name] = await readFileTree(fs, `${mistakesDir}/${entry.name}`);
    }
  }
  const unnamed = Object.keys(mistakes).filter((name) => !expected?.mistakes[name]);
  const missing = Object.keys(expected?.mistakes ?? {}).filter((name) => !mistakes[name]);
  const problems = [
    ...unnamed.map((name) => `mistakes.${name}: the folder mistakes/${name} has no expectation`),
    ...missing.map((name) => `mistakes.${name}: there is no folder mistakes/${name}`),
  ];
  if (problems.length) throw new ExerciseFolderError(expectedFile, problems);
  return { expected, mistakes: Object.fromEntries(Object.entries(mistakes).sort(([a], [b]) => a.localeCompare(b))) };
}
