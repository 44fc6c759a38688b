// The learner's files as the web accepts them: the contract's one rulebook (grader/contract/file-map-policy), the
// same the grader applies, checked in the browser (upload, editor) and again by the API with the limits in force,
// so a bad path or an oversized upload is refused with the same words everywhere and nothing the web stores is
// refused later by the grader. The UI takes what it needs from here (components do not import the contract); the
// schemas the API and the authoring forms parse with are in file-schemas.ts, so pages that only check files load no zod.
import { fileMapProblems, type UploadLimits } from "@/grader/contract/file-map-policy";

export { archiveTooLarge, defaultUploadLimits, formatBytes, pathProblem, tooManyBytes, tooManyFiles, type UploadLimits } from "@/grader/contract/file-map-policy";

/** Every problem with a whole file set, as the learner reads them. */
export function fileSetProblems(files: Readonly<Record<string, string>>, limits: UploadLimits): string[] {
  return fileMapProblems(files, limits).map((p) => p.message);
}
