// Reads an exercise folder from content/ (exercise.yaml, starter/, solution/). Shared by the grader's CLI and
// golden tests and by the web's content sync, so both see the same spec. Not re-exported from index.ts: it
// touches the file system, and index.ts must stay importable from browser code.
import fs from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { exerciseSpecSchema, type ExerciseSpec } from "./exercise-spec";
import type { FileMap } from "./grading-request";

export class ExerciseFolderError extends Error {
  constructor(
    readonly file: string,
    /** One entry per problem, each naming its field: callers can list them without parsing the message. */
    readonly issues: string[],
  ) {
    super(`${file}: ${issues.join("; ")}`);
    this.name = "ExerciseFolderError";
  }
}

/** Every regular file below `dir`, keyed by its `/`-separated relative path; UTF-8 text only. */
export async function readFileTree(dir: string): Promise<FileMap> {
  const files: FileMap = {};
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, abs).split(path.sep).join("/")] = await fs.readFile(abs, "utf8");
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

export interface ExerciseFolder {
  spec: ExerciseSpec;
  starter: FileMap;
  solution: FileMap;
}

export async function readExerciseFolder(dir: string): Promise<ExerciseFolder> {
  const specFile = path.join(dir, "exercise.yaml");
  let raw: unknown;
  try {
    raw = parseYaml(await fs.readFile(specFile, "utf8"));
  } catch (err) {
    throw new ExerciseFolderError(specFile, [err instanceof Error ? err.message : String(err)]);
  }
  const parsed = exerciseSpecSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ExerciseFolderError(specFile, issues);
  }
  if (parsed.data.slug !== path.basename(dir)) {
    throw new ExerciseFolderError(specFile, [`slug: "${parsed.data.slug}" must match its folder name "${path.basename(dir)}"`]);
  }
  return {
    spec: parsed.data,
    starter: await readFileTree(path.join(dir, "starter")),
    solution: await readFileTree(path.join(dir, "solution")),
  };
}
