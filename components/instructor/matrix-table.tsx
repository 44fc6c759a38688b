"use client";
// Learners × lessons and exercises as a heatmap, sortable and filterable, with stuck flags and a summary row.
// Every learner links to their drill-down, every failing cell to the attempt that failed.
import Link from "next/link";
import type { Route } from "next";
import { useMemo, useState } from "react";
import type { CohortMatrix, ExerciseCell, MatrixLearner, StuckFlag } from "@/lib/api/answers";
import { cohortPaths } from "@/lib/api/web-api";

type SortKey = "learner" | "completion" | "activity" | "stuck" | `exercise:${string}`;

const heat = (value: number) =>
  value >= 0.999 ? "bg-green-600 text-white" : value >= 0.66 ? "bg-green-300 dark:bg-green-800" : value >= 0.33 ? "bg-amber-200 dark:bg-amber-800" : value > 0 ? "bg-amber-100 dark:bg-amber-950" : "bg-slate-100 dark:bg-slate-800";
const percent = (value: number) => `${Math.round(value * 100)}%`;
const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : "—");

function meanCompletion(learner: MatrixLearner): number {
  return learner.lessons.length ? learner.lessons.reduce((n, l) => n + l.completion, 0) / learner.lessons.length : 0;
}

const exerciseRank: Record<ExerciseCell["state"], number> = { failing: 0, "not-started": 1, passed: 2 };

function compare(key: SortKey, a: MatrixLearner, b: MatrixLearner): number {
  if (key === "learner") return (a.user.name ?? a.user.email).localeCompare(b.user.name ?? b.user.email);
  if (key === "completion") return meanCompletion(a) - meanCompletion(b);
  if (key === "activity") return (a.lastActivityAt ?? "").localeCompare(b.lastActivityAt ?? "");
  if (key === "stuck") return b.stuck.length - a.stuck.length;
  const slug = key.slice("exercise:".length);
  const x = a.exercises[slug];
  const y = b.exercises[slug];
  return exerciseRank[x?.state ?? "not-started"] - exerciseRank[y?.state ?? "not-started"] || (y?.attempts ?? 0) - (x?.attempts ?? 0);
}

export function stuckText(flag: StuckFlag): string {
  return flag.kind === "idle" ? `No activity since ${day(flag.since)}` : `${flag.exerciseSlug}: failed “${flag.check}” three times in a row`;
}

function ExerciseCellView({ cell, cohortId, userId }: { cell: ExerciseCell | undefined; cohortId: string; userId: string }) {
  if (!cell || cell.state === "not-started") return <span className="text-slate-500">not started</span>;
  const label =
    cell.state === "passed"
      ? `passed ${day(cell.at)}`
      : `failing: ${cell.attempts} attempt${cell.attempts === 1 ? "" : "s"}${cell.failingCheck ? ` · ${cell.failingCheck}` : ""}`;
  const href = cell.latestSubmissionId ? cohortPaths.learner(cohortId, userId, cell.latestSubmissionId) : cohortPaths.learner(cohortId, userId);
  return (
    <Link href={href as Route} className="underline decoration-dotted">
      {label}
    </Link>
  );
}

export function MatrixTable({ matrix }: { matrix: CohortMatrix }) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "learner", descending: false });
  const [query, setQuery] = useState("");
  const [onlyStuck, setOnlyStuck] = useState(false);
  const exercises = matrix.lessons.flatMap((l) => l.exercises);
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const shown = matrix.learners.filter((l) => (!onlyStuck || l.stuck.length > 0) && (!q || l.user.email.toLowerCase().includes(q) || (l.user.name ?? "").toLowerCase().includes(q)));
    const sorted = [...shown].sort((a, b) => compare(sort.key, a, b));
    return sort.descending ? sorted.reverse() : sorted;
  }, [matrix.learners, query, onlyStuck, sort]);

  const header = (key: SortKey, label: string) => (
    <th key={key} scope="col" aria-sort={sort.key === key ? (sort.descending ? "descending" : "ascending") : "none"} className="px-2 py-2 text-left align-bottom font-medium">
      <button type="button" className="text-left hover:underline" onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }))}>
        {label}
        {sort.key === key ? (sort.descending ? " ↓" : " ↑") : ""}
      </button>
    </th>
  );

  return (
    <div>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col text-sm">
          Filter learners
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={onlyStuck} onChange={(e) => setOnlyStuck(e.target.checked)} />
          Only stuck learners ({matrix.summary.stuck})
        </label>
      </div>
      <div className="mt-4 overflow-x-auto">
        <table data-testid="cohort-matrix" className="min-w-full text-sm">
          <caption className="sr-only">Each learner&apos;s progress per lesson and state per exercise</caption>
          <thead>
            <tr>
              {header("learner", "Learner")}
              {header("stuck", "Stuck")}
              {header("activity", "Last active")}
              {matrix.lessons.map((l) => (
                <th key={l.slug} scope="col" className="px-2 py-2 text-left align-bottom font-medium">
                  {l.title}
                </th>
              ))}
              {exercises.map((e) => header(`exercise:${e.slug}`, e.title))}
            </tr>
          </thead>
          <tbody>
            {rows.map((learner) => (
              <tr key={learner.user.id} data-learner={learner.user.email} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row" className="px-2 py-2 text-left font-normal">
                  <Link href={cohortPaths.learner(matrix.cohort.id, learner.user.id) as Route} className="font-medium underline">
                    {learner.user.name ?? learner.user.email}
                  </Link>
                  {learner.user.name && <div className="text-xs text-slate-500">{learner.user.email}</div>}
                </th>
                <td className="px-2 py-2" data-testid="stuck-cell">
                  {learner.stuck.map((flag) => (
                    <span key={stuckText(flag)} data-stuck={flag.kind} className="mb-1 block rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-900 dark:bg-red-950 dark:text-red-200">
                      {stuckText(flag)}
                    </span>
                  ))}
                </td>
                <td className="px-2 py-2 whitespace-nowrap">{day(learner.lastActivityAt)}</td>
                {matrix.lessons.map((l) => {
                  const cell = learner.lessons.find((c) => c.lessonSlug === l.slug);
                  const value = cell?.completion ?? 0;
                  return (
                    <td key={l.slug} className="px-1 py-1">
                      <div
                        className={`rounded px-2 py-1 text-xs ${heat(value)}`}
                        title={`${l.title}: sections ${cell?.sectionsRead ?? 0}/${l.sections}, checklist ${cell?.checklistDone ?? 0}/${l.checklist}, quick test ${cell?.bestQuiz === null || cell === undefined ? "not taken" : percent(cell.bestQuiz)}`}
                      >
                        <span className="font-semibold">{percent(value)}</span>
                        <span className="block">
                          {cell?.sectionsRead ?? 0}/{l.sections} read · {cell?.checklistDone ?? 0}/{l.checklist} ticked
                          {l.quizQuestions > 0 && ` · quiz ${cell?.bestQuiz === null || cell === undefined ? "—" : percent(cell.bestQuiz)}`}
                        </span>
                      </div>
                    </td>
                  );
                })}
                {exercises.map((e) => {
                  const cell = learner.exercises[e.slug];
                  const state = cell?.state ?? "not-started";
                  return (
                    <td
                      key={e.slug}
                      data-exercise={e.slug}
                      data-state={state}
                      className={`px-2 py-2 text-xs ${state === "passed" ? "bg-green-100 dark:bg-green-950" : state === "failing" ? "bg-red-100 dark:bg-red-950" : ""}`}
                    >
                      <ExerciseCellView cell={cell} cohortId={matrix.cohort.id} userId={learner.user.id} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-300 font-medium dark:border-slate-700" data-testid="matrix-summary">
              <th scope="row" className="px-2 py-2 text-left">
                All {matrix.learners.length} learner{matrix.learners.length === 1 ? "" : "s"}
              </th>
              <td className="px-2 py-2">{matrix.summary.stuck} stuck</td>
              <td />
              {matrix.lessons.map((l) => (
                <td key={l.slug} className="px-2 py-2 text-xs">
                  {percent(matrix.summary.lessons[l.slug] ?? 0)} on average
                </td>
              ))}
              {exercises.map((e) => {
                const s = matrix.summary.exercises[e.slug];
                return (
                  <td key={e.slug} className="px-2 py-2 text-xs">
                    {s ? `${s.passed} passed · ${s.failing} failing · ${s.notStarted} not started` : ""}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
      {rows.length === 0 && <p className="mt-4 text-sm">{matrix.learners.length === 0 ? "Nobody has joined yet. Share the join link." : "No learner matches the filter."}</p>}
    </div>
  );
}
