// The learner's files as the web accepts them, checked in the browser (upload, editor) and again by the API, so
// a bad path or an oversized upload is refused with the same words in both places. Mirrors the grader's upload
// policy (DESIGN §5) so nothing the web accepts is refused later by the grader.
import { z } from "zod";
import { fileTextProblem } from "@/grader/contract/file-text";

export const fileLimits = {
  maxFiles: 200,
  maxTotalBytes: 5 * 1024 * 1024,
  maxPathLength: 255,
} as const;

const textEncoder = new TextEncoder();

export function byteLength(text: string): number {
  return textEncoder.encode(text).length;
}

/** Why `path` cannot be a file of the build context, or null when it can. */
export function pathProblem(path: string): string | null {
  if (path.length === 0) return "A file needs a name.";
  if (path.length > fileLimits.maxPathLength) return `"${path.slice(0, 40)}…" is longer than ${fileLimits.maxPathLength} characters.`;
  if (path.startsWith("/")) return `"${path}" is absolute; use a path relative to the project folder.`;
  if (path.includes("\\")) return `"${path}" contains a backslash; use "/" between folders.`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(path)) return `"${path}" contains a control character.`;
  const segments = path.split("/");
  if (segments.some((s) => s === "..")) return `"${path}" points outside the project folder ("..").`;
  if (segments.some((s) => s === "" || s === ".")) return `"${path}" has an empty folder name; remove the extra "/" or "./".`;
  return null;
}

export const filePathSchema = z.string().superRefine((path, ctx) => {
  const problem = pathProblem(path);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Problems with a whole file set: count, total size, one path being both a file and a folder, unstorable text. */
export function fileSetProblems(files: Record<string, string>): string[] {
  const problems: string[] = [];
  const paths = Object.keys(files);
  if (paths.length > fileLimits.maxFiles) problems.push(`${paths.length} files is more than the ${fileLimits.maxFiles} a grading accepts.`);
  const total = Object.values(files).reduce((sum, text) => sum + byteLength(text), 0);
  if (total > fileLimits.maxTotalBytes) {
    problems.push(`The files take ${formatBytes(total)}, more than the ${formatBytes(fileLimits.maxTotalBytes)} a grading accepts.`);
  }
  const set = new Set(paths);
  for (const path of paths) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join("/");
      if (set.has(folder)) problems.push(`"${folder}" is both a file and a folder.`);
    }
  }
  for (const path of paths) {
    const problem = pathProblem(path) ?? fileTextProblem(path, files[path] ?? "");
    if (problem) problems.push(problem);
  }
  return problems;
}

/** A draft may be unfinished (no Dockerfile yet) but never unbounded. */
export const draftFilesSchema = z.record(z.string(), z.string()).superRefine((files, ctx) => {
  for (const message of fileSetProblems(files)) ctx.addIssue({ code: "custom", message });
});

export const submissionFilesSchema = draftFilesSchema.superRefine((files, ctx) => {
  if (!Object.keys(files).some((p) => p === "Dockerfile")) ctx.addIssue({ code: "custom", message: "Add a Dockerfile at the top of the project." });
});

export type SubmissionFiles = z.infer<typeof submissionFilesSchema>;

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
