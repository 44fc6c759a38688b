// An exercise as its editor sends it: the spec, the starter and reference solution, the mistake cases and the outcome
// each must get. One schema for the editor (checked as the author types) and the server (checked again before a
// revision is stored), built from the grader's own: the spec is grader/contract's exerciseSpecSchema, the outcomes are
// expected.yaml's schema, the files are held to the learners' upload rules. Nothing here is a copy of the grader's.
import { z } from "zod";
import { caseNameSchema, expectedSchema, type Expected } from "@/grader/contract/exercise-cases";
import { checkCatalogue, exerciseSpecSchema, type CheckId, type ExerciseSpec, type ExerciseSpecInput } from "@/grader/contract";
import type { UploadLimits } from "@/lib/grading/file-rules";
import { submissionFilesSchema } from "@/lib/grading/file-schemas";

export { caseNameSchema, checkCatalogue, exerciseSpecSchema, type CheckId, type Expected, type ExerciseSpec, type ExerciseSpecInput };

export interface ExerciseDraft {
  spec: ExerciseSpec;
  starter: Record<string, string>;
  solution: Record<string, string>;
  mistakes: Record<string, Record<string, string>>;
  expected: Expected;
}

/** `limits`: the upload limits in force, read at each parse (the grader may report new ones). */
export function exerciseDraftSchema(limits: () => UploadLimits) {
  const files = submissionFilesSchema(limits);
  return z
    .object({ spec: exerciseSpecSchema, starter: files, solution: files, mistakes: z.record(caseNameSchema, files), expected: expectedSchema })
    .strict()
    .superRefine((draft, ctx) => {
      const listed = new Set<string>(draft.spec.checks.map((c) => c.id));
      const named = (outcome: { failing: readonly string[] } | undefined, path: (string | number)[]) => {
        for (const [i, id] of (outcome?.failing ?? []).entries()) {
          if (!listed.has(id)) ctx.addIssue({ code: "custom", path: [...path, "failing", i], message: `${id} is not one of this exercise's checks` });
        }
      };
      if (draft.expected.starter?.status === "pass") ctx.addIssue({ code: "custom", path: ["expected", "starter", "status"], message: "the starter must fail: it is where the learner starts" });
      named(draft.expected.starter, ["expected", "starter"]);
      for (const [name, outcome] of Object.entries(draft.expected.mistakes)) {
        if (!draft.mistakes[name]) ctx.addIssue({ code: "custom", path: ["expected", "mistakes", name], message: `there are no files for mistake case "${name}"` });
        named(outcome, ["expected", "mistakes", name]);
      }
      for (const name of Object.keys(draft.mistakes)) {
        if (!draft.expected.mistakes[name]) ctx.addIssue({ code: "custom", path: ["mistakes", name], message: `mistake case "${name}" needs the check it must fail on` });
      }
    });
}

export interface DraftProblem {
  /** Where, as a dotted path into the draft ("spec.probe.path", "mistakes.no-user"). */
  field: string;
  message: string;
}

/** Every problem with a draft, by field; empty when it may be saved. */
export function draftProblems(draft: unknown, limits: UploadLimits): DraftProblem[] {
  const parsed = exerciseDraftSchema(() => limits).safeParse(draft);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ field: i.path.map(String).join(".") || "(draft)", message: i.message }));
}

/** The catalogue's checks as the editor lists them, in the catalogue's order. */
export const catalogueChecks = (Object.entries(checkCatalogue) as [CheckId, string][]).map(([id, title]) => ({ id, title }));
