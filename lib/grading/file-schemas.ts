// The learner's files as schemas: a draft (any bounded file set) and a submission (one with an entry file), both by
// the one rulebook in file-rules.ts, for the API and the authoring forms.
import { z } from "zod";
import { fileSetProblems, type UploadLimits } from "./file-rules";

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
