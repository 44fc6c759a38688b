// An exercise folder from content/ (exercise.yaml, starter/, solution/), read the same way by the grader's CLI and
// golden tests and by the web's content sync, so both see the same spec. The contract does no I/O of its own: each
// side hands in its file system (node:fs/promises fits `FolderReader` as it is), so the contract stays pure. Not
// re-exported from index.ts, which browser code imports, so that no bundle carries the YAML parser for it.
import { parse as parseYaml } from "yaml";
import { exerciseSpecSchema, type ExerciseSpec } from "./exercise-spec";
import type { FileMap } from "./grading-request";

/** The part of a file system reading a folder needs; Node's `fs/promises` is one. */
export interface FolderReader {
  readFile(file: string, encoding: "utf8"): Promise<string>;
  readdir(dir: string, options: { withFileTypes: true }): Promise<{ name: string; isFile(): boolean; isDirectory(): boolean }[]>;
}

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

async function collectFiles(fs: FolderReader, dir: string, prefix: string, into: Map<string, string>): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = `${dir}/${entry.name}`;
    // Links are neither: a tree is what its regular files hold, as the grader's upload rules see it.
    if (entry.isDirectory()) await collectFiles(fs, file, `${prefix}${entry.name}/`, into);
    else if (entry.isFile()) into.set(`${prefix}${entry.name}`, await fs.readFile(file, "utf8"));
  }
}

/** Every regular file below `dir`, keyed by its `/`-separated relative path; UTF-8 text only. */
export async function readFileTree(fs: FolderReader, dir: string): Promise<FileMap> {
  const files = new Map<string, string>();
  await collectFiles(fs, dir.replace(/\/+$/, ""), "", files);
  return Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)));
}

export interface ExerciseFolder {
  spec: ExerciseSpec;
  starter: FileMap;
  solution: FileMap;
}

export async function readExerciseFolder(fs: FolderReader, dir: string): Promise<ExerciseFolder> {
  const folder = dir.replace(/\/+$/, "");
  const folderName = folder.slice(folder.lastIndexOf("/") + 1);
  const specFile = `${folder}/exercise.yaml`;
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
  if (parsed.data.slug !== folderName) {
    throw new ExerciseFolderError(specFile, [`slug: "${parsed.data.slug}" must match its folder name "${folderName}"`]);
  }
  return {
    spec: parsed.data,
    starter: await readFileTree(fs, `${folder}/starter`),
    solution: await readFileTree(fs, `${folder}/solution`),
  };
}
