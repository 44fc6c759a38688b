// Upload policy (DESIGN §5): what a learner's files may look like before anything reaches the engine.
// Checked here for JSON uploads and again by the tar reader for tar uploads, so both doors have one rule.
import type { FileMap } from "@/grader/contract";
import { fileTextProblem } from "@/grader/contract/file-text";

export interface UploadLimits {
  uploadMaxBytes: number;
  uploadMaxFiles: number;
}

/** `tooLarge` maps to 413, `invalid` to 422. */
export class UploadRejected extends Error {
  override name = "UploadRejected";
  constructor(
    readonly kind: "tooLarge" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

/** Throws UploadRejected unless `path` is a plain relative path that stays inside the build context. */
export function assertSafePath(path: string): void {
  if (path.length === 0 || path.length > 255) throw new UploadRejected("invalid", `file path "${path.slice(0, 60)}" must be 1–255 characters`);
  // A NUL or backslash would be read differently by the tar writer, the engine and the learner's eyes.
  if (/[\0\\]/.test(path)) throw new UploadRejected("invalid", `file path "${path}" contains a NUL or a backslash`);
  if (path.startsWith("/")) throw new UploadRejected("invalid", `file path "${path}" is absolute; use a path relative to the project folder`);
  const parts = path.split("/");
  if (parts.some((p) => p === "..")) throw new UploadRejected("invalid", `file path "${path}" climbs out of the project folder with ".."`);
  if (parts.some((p) => p === "" || p === ".")) throw new UploadRejected("invalid", `file path "${path}" has an empty or "." segment`);
}

export function checkFileMap(files: FileMap, limits: UploadLimits, what = "upload"): void {
  const paths = Object.keys(files);
  if (paths.length > limits.uploadMaxFiles) {
    throw new UploadRejected("tooLarge", `the ${what} has ${paths.length} files; at most ${limits.uploadMaxFiles} are accepted`);
  }
  let total = 0;
  for (const path of paths) {
    assertSafePath(path);
    const text = files[path] ?? "";
    const problem = fileTextProblem(path, text);
    if (problem) throw new UploadRejected("invalid", problem);
    total += Buffer.byteLength(text, "utf8");
  }
  if (total > limits.uploadMaxBytes) {
    throw new UploadRejected("tooLarge", `the ${what} is ${total} bytes; at most ${limits.uploadMaxBytes} bytes are accepted`);
  }
  for (const path of paths) {
    // A file and a folder of the same name cannot both exist in the context.
    const parents = path.split("/").slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join("/"));
    for (const parent of parents) {
      if (parent in files) throw new UploadRejected("invalid", `"${parent}" is both a file and a folder`);
    }
  }
}
