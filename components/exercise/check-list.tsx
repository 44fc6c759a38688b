"use client";
// Each check as the grader decided it: status, message, hint and the evidence it saw. Required checks decide
// the verdict; the others are tips and say so.
import type { CheckResult } from "@/lib/grading/submission-events";

const statusStyle: Record<CheckResult["status"], { icon: string; label: string; className: string }> = {
  pass: { icon: "✓", label: "passed", className: "text-green-700 dark:text-green-400" },
  fail: { icon: "✗", label: "failed", className: "text-red-700 dark:text-red-400" },
  skip: { icon: "–", label: "skipped", className: "text-slate-500" },
  error: { icon: "!", label: "could not run", className: "text-amber-700 dark:text-amber-400" },
};

export function CheckList({ checks }: { checks: CheckResult[] }) {
  if (checks.length === 0) return <p className="text-sm text-slate-500">Checks appear here as the grader decides them.</p>;
  return (
    <ol aria-label="Checks" className="flex flex-col gap-2">
      {checks.map((check) => {
        const style = statusStyle[check.status];
        return (
          <li key={check.id} data-check={check.id} data-status={check.status} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <div className="flex items-start gap-2">
              <span aria-hidden className={`font-bold ${style.className}`}>
                {style.icon}
              </span>
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {check.title} <span className={`text-sm ${style.className}`}>— {style.label}</span>
                  {!check.required && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">tip</span>}
                </p>
                <p className="text-sm text-slate-700 dark:text-slate-300">{check.message}</p>
                {check.hint && check.status !== "pass" && <p className="mt-1 text-sm text-brand-700 dark:text-brand-300">Hint: {check.hint}</p>}
                {check.evidence && Object.keys(check.evidence).length > 0 && (
                  <details className="mt-1 text-xs">
                    <summary className="cursor-pointer text-slate-500">Evidence</summary>
                    <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 dark:bg-slate-900">{JSON.stringify(check.evidence, null, 2)}</pre>
                  </details>
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
