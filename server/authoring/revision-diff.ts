import "server-only";
// The line diff the revision histories show: a revision against the published one, as text an author recognises
// (a lesson as its lesson.md, a quiz as its quiz.yaml, an exercise as its folder's files), computed with jsdiff.
import { diffLines } from "diff";
import type { DiffLine, ExerciseDraftData, RevisionDiff } from "@/lib/api/answers";
import { exerciseFolderFiles } from "./exercise-files";

/** Changes line by line from `published` to `revision`; a missing published text diffs against nothing. */
export function revisionDiff(published: { number: number | null; text: string }, revision: { number: number; text: string }): RevisionDiff {
  const lines: DiffLine[] = diffLines(published.text, revision.text).flatMap((change) => {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    return change.value.replace(/\n$/, "").split("\n").map((text) => ({ kind, text }));
  });
  return {
    from: published.number,
    to: revision.number,
    added: lines.filter((l) => l.kind === "added").length,
    removed: lines.filter((l) => l.kind === "removed").length,
    lines,
  };
}

/** An exercise revision as its folder in content/: each file under a `--- <path>` line, in the folder's order. */
export function exerciseRevisionText(revision: ExerciseDraftData): string {
  const { spec, starter, solution, mistakes, expected } = revision;
  return exerciseFolderFiles({ slug: spec.slug, spec, starter, solution, mistakes, expected })
    .map(([name, text]) => `--- ${name}\n${text.endsWith("\n") || text === "" ? text : `${text}\n`}`)
    .join("");
}
