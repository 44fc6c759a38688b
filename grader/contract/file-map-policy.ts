// The one rulebook for a learner's files (DESIGN §5), on both sides of the seam: the browser checks a typed name, a
// picked folder or a .zip with it, the web's API before it stores a submission or a draft, and the grader before
// anything reaches the engine (its JSON and tar doors). Limits are passed in — the grader's from its config, the
// web's from what the grader reports in /healthz — so no side keeps its own copy of a number or a message.
// Pure and without node-only imports: it runs in the browser too.
import { fileTextProblem } from "./file-text";

/** How much a grading takes: expanded bytes of text and number of files (the grader's `uploadMax*` limits). */
export interface UploadLimits {
  uploadMaxBytes: number;
  uploadMaxFiles: number;
}

/**
 * Where both sides start: the grader's defaults (rows of grader/config.ts `limitTable`, which an operator may raise
 * up to their hard caps) and the web's ceiling, which its request-body limit is sized on.
 */
export const defaultUploadLimits = { uploadMaxBytes: 5 * 1024 * 1024, uploadMaxFiles: 200 } as const satisfies UploadLimits;

/**
 * The limits the web enforces: the shared default, narrowed to what the grader reports when it is lower, so nothing
 * the web stores is refused later by the grader. A grader that allows more does not widen them: the web's body
 * limit and storage are sized on the default (raising both is a web deployment change).
 */
export function narrowUploadLimits(reported: UploadLimits | null): UploadLimits {
  if (!reported) return defaultUploadLimits;
  return {
    uploadMaxBytes: Math.min(defaultUploadLimits.uploadMaxBytes, reported.uploadMaxBytes),
    uploadMaxFiles: Math.min(defaultUploadLimits.uploadMaxFiles, reported.uploadMaxFiles),
  };
}

const maxPathLength = 255;

/** `tooLarge`: over a count or size limit (the grader answers 413); `invalid`: a path or content refused (422). */
export interface FileMapProblem {
  kind: "tooLarge" | "invalid";
  message: string;
}

const textEncoder = new TextEncoder();

function byteLength(text: string): number {
  return textEncoder.encode(text).length;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused in a path
const controlCharacter = /[\u0000-\u001f\u007f]/;

// A path with a control character is quoted as JSON, which shows it as an escape, so it can never forge a line of a
// log or a message; any other path as the learner typed it.
const quoted = (path: string) => (controlCharacter.test(path) ? JSON.stringify(path) : `"${path}"`);

/**
 * Why `path` cannot be a file of the build context, or null when it can: 1–255 characters, relative, no control
 * character (NUL included), no backslash (the tar writer, the engine and a learner's eyes would each read it
 * differently), no `..`, no empty or "." folder.
 */
export function pathProblem(path: string): string | null {
  if (path.length === 0) return "A file needs a name.";
  if (path.length > maxPathLength) return `${quoted(`${path.slice(0, 40)}…`)} is longer than ${maxPathLength} characters.`;
  if (controlCharacter.test(path)) return `${quoted(path)} contains a control character.`;
  if (path.includes("\\")) return `${quoted(path)} contains a backslash; use "/" between folders.`;
  if (path.startsWith("/")) return `${quoted(path)} is absolute; use a path relative to the project folder.`;
  const segments = path.split("/");
  if (segments.some((s) => s === "..")) return `${quoted(path)} climbs outside the project folder ("..").`;
  if (segments.some((s) => s === "" || s === ".")) return `${quoted(path)} has an empty folder name; remove the extra "/" or "./".`;
  return null;
}

export function tooManyFiles(count: number, limits: UploadLimits): string {
  return `The project has ${count} files, more than the ${limits.uploadMaxFiles} a grading accepts.`;
}

export function tooManyBytes(total: number, limits: UploadLimits): string {
  return `The files take ${formatBytes(total)}, more than the ${formatBytes(limits.uploadMaxBytes)} a grading accepts.`;
}

/** An archive whose directory already says it is over a limit, refused before it is expanded. */
export function archiveTooLarge(archive: string, limits: UploadLimits): string {
  return `${archive} expands to more than ${formatBytes(limits.uploadMaxBytes)} or ${limits.uploadMaxFiles} files, more than a grading accepts.`;
}

/**
 * Everything wrong with a file map, in the order the grader meets it: the count first (past it nothing else is
 * read), then each path and its text, the total size, and a name that is both a file and a folder.
 */
export function fileMapProblems(files: Readonly<Record<string, string>>, limits: UploadLimits): FileMapProblem[] {
  const paths = Object.keys(files);
  if (paths.length > limits.uploadMaxFiles) return [{ kind: "tooLarge", message: tooManyFiles(paths.length, limits) }];
  const problems: FileMapProblem[] = [];
  let total = 0;
  for (const path of paths) {
    const text = files[path] ?? "";
    const problem = pathProblem(path) ?? fileTextProblem(path, text);
    if (problem) problems.push({ kind: "invalid", message: problem });
    total += byteLength(text);
  }
  if (total > limits.uploadMaxBytes) problems.push({ kind: "tooLarge", message: tooManyBytes(total, limits) });
  const named = new Set(paths);
  const both = new Set<string>();
  for (const path of paths) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join("/");
      if (named.has(folder)) both.add(folder);
    }
  }
  for (const folder of both) problems.push({ kind: "invalid", message: `${quoted(folder)} is both a file and a folder.` });
  return problems;
}
