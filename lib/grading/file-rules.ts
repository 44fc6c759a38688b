// The learner's files as the web accepts them: the contract's one rulebook (grader/contract/file-map-policy), the
// same the grader applies, checked in the browser (upload, editor) and again by the API with the limits in force,
// so a bad path or an oversized upload is refused with the same words everywhere and nothing the web stores is
// refused later by the grader. The UI takes what it needs from here (components do not import the contract).
import { z } from "zod";
import { fileMapProblems, type UploadLimits } from "@/grader/contract/file-map-policy";

export { archiveTooLarge, defaultUploadLimits, formatBytes, pathProblem, tooManyBytes, tooManyFiles, type UploadLimits } from "@/grader/contract/file-map-policy";

/** Every problem with a whole file set, as the learner reads them. */
export function fileSetProblems(files: Readonly<Record<string, string>>, limits: UploadLimits): string[] {
  return fileMapProblems(files, limits).map((p) => p.message);
}

/** A draft may be unfinished (no Dockerfile yet) but never unbounded. `limits` is read at each parse: the grader may report new ones. */
export function draftFilesSchema(limits: () => UploadLimits) {
  return z.record(z.string(), z.string()).superRefine((files, ctx) => {
    for (const message of fileSetProblems(files, limits())) ctx.addIssue({ code: "custom", message });
  });
}

/** What a submission is built from: a Dockerfile, or a Compose project's file under one of Compose's own names. */
const entryFiles = new Set(["Dockerfile", "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]);

export function submissionFilesSchema(limits: () => UploadLimits) {
  return draftFilesSchema(limits).superRefine((files, ctx) => {
    if (!Object.keys(files).some((p) => entryFiles.has(p))) ctx.addIssue({ code: "custom", message: "Add a Dockerfile (or, for a Compose project, compose.yaml) at the top of the project." });
  });
}

export type SubmissionFiles = z.infer<ReturnType<typeof submissionFilesSchema>>;
