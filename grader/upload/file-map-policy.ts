// The grader's door for the contract's file rules (grader/contract/file-map-policy): the same rules the browser and
// the web apply, with this grader's configured limits, turned into an UploadRejected the HTTP layer maps to
// 413/422. Checked for JSON uploads and again, path by path, by the tar reader, so both doors have one rule.
import { fileMapProblems, pathProblem, type FileMap, type UploadLimits } from "@/grader/contract";

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
  const problem = pathProblem(path);
  if (problem) throw new UploadRejected("invalid", problem);
}

/** Throws UploadRejected with the first problem of `files`; `what` names a file map that is not the learner's own. */
export function checkFileMap(files: FileMap, limits: UploadLimits, what?: string): void {
  const [first] = fileMapProblems(files, limits);
  if (first) throw new UploadRejected(first.kind, what ? `${what}: ${first.message}` : first.message);
}
