import "server-only";
// The line diff the revision histories show: a revision against the published one, as text an author recognises
// (a lesson as its lesson.md, a quiz as its quiz.yaml, an exercise as its folder's files), computed with jsdiff.
import { diffLines } from "diff";
import { stringify } from "yaml";
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

/** A lesson revision as its lesson.md: the front matter it holds, then the body. */
export function lessonRevisionText(revision: { title: string; summary: string; minutes: number; objectives: unknown; keyTerms: unknown; body: string }): string {
  const { title, summary, minutes, objectives, keyTerms } = revision;
  const terms = Array.isArray(keyTerms) && keyTerms.length ? { keyTerms } : {};
  return `---\n${stringify({ title, summary, minutes, objectives, ...terms })}---\n\n${revision.body}\n`;
}

/** An exercise revision as its folder in content/: each file under a `--- <path>` line, in the folder's order. */
export function exerciseRevisionText(revision: ExerciseDraftData): string {
  const { spec, starter, solution, mistakes, expected } = revision;
  return exerciseFolderFiles({ slug: spec.slug, spec, starter, solution, mistakes, expected })
    .map(([name, text]) => `--- ${name}\n${text.endsWith("\n") || text === "" ? text : `${text}\n`}`)
    .join("");
}
