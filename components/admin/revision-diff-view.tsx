// A revision against the published one, line by line: added lines marked +, removed ones -, as text (never HTML:
// the revision is an author's input).
import type { RevisionDiff } from "@/lib/api/answers";

const marks = { added: "+", removed: "-", same: " " } as const;
const tone = { added: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200", removed: "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200", same: "" } as const;

export function RevisionDiffView({ diff }: { diff: RevisionDiff }) {
  return (
    <figure className="mt-2" data-testid="revision-diff">
      <figcaption className="text-sm">
        Revision #{diff.to} against {diff.from === null ? "nothing published yet" : `the published #${diff.from}`}: {diff.added} lines added, {diff.removed} removed
      </figcaption>
      <pre className="mt-1 max-h-96 overflow-auto rounded-md border border-slate-200 text-xs dark:border-slate-800">
        {diff.lines.map((line, i) => (
          <div key={i} className={tone[line.kind]} data-kind={line.kind}>
            {marks[line.kind]} {line.text}
          </div>
        ))}
      </pre>
    </figure>
  );
}
