"use client";
// A regrade's report, refreshed while its gradings run (they wait behind learners' gradings, so this may take a
// while): the verdicts that changed first, each with the checks that flipped, then the unchanged ones.
import { useEffect, useState } from "react";
import type { RegradeReport, RegradeRow } from "@/lib/api/answers";
import { webApi } from "@/lib/api/web-api";

const pollMs = 1_500;
const statusName: Record<RegradeRow["after"], string> = { QUEUED: "waiting", RUNNING: "grading", PASSED: "passed", FAILED: "failed", NOT_GRADABLE: "not gradable" };

export function RegradeReportView({ initial }: { initial: RegradeReport }) {
  const [report, setReport] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const running = report.finished < report.total;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => {
      webApi.regradeReport(report.id).then(
        (next) => {
          setProblem(null);
          setReport(next);
        },
        (error: unknown) => {
          setProblem(error instanceof Error ? error.message : String(error));
          // The next poll tries again: a blip in the network leaves the report as it was.
          setReport((r) => ({ ...r }));
        },
      );
    }, pollMs);
    return () => clearTimeout(timer);
  }, [report, running]);
  const changed = report.rows.filter((r) => r.changed);
  return (
    <div>
      <p role="status" className="text-sm" data-testid="regrade-progress">
        {report.finished} of {report.total} graded again · {changed.length} verdicts changed{running ? " · running at low priority…" : " · done"}
      </p>
      {problem && (
        <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <table className="mt-4 w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="py-1 pr-3">Learner</th>
            <th className="py-1 pr-3">Before → after</th>
            <th className="py-1">Checks that flipped</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.gradingId} className={row.changed ? "bg-amber-50 dark:bg-amber-950" : undefined} data-testid={row.changed ? "regrade-changed" : "regrade-row"}>
              <td className="py-1 pr-3">{row.learner}</td>
              <td className="py-1 pr-3">
                {statusName[row.before]} → {statusName[row.after]}
              </td>
              <td className="py-1">
                {row.flipped.length ? (
                  <ul>
                    {row.flipped.map((check) => (
                      <li key={check.id}>
                        <code>{check.id}</code> {check.before ?? "absent"} → {check.after ?? "absent"}
                      </li>
                    ))}
                  </ul>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
