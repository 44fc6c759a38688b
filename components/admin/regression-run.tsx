"use client";
// Starts a regression run of a published exercise (its reference solution twice, starter and mistake cases graded
// again at low priority, server/authoring/proving-runs.ts) and follows it until every case is judged: the outcome and what went wrong.
import { useEffect, useState, useTransition } from "react";
import type { ProvingRunView } from "@/lib/api/answers";
import { webApi } from "@/lib/api/web-api";

const pollMs = 1_500;
const statusText = { QUEUED: "waiting", RUNNING: "grading", PASSED: "passed", FAILED: "failed", NOT_GRADABLE: "not gradable" } as const;

export function RegressionRun({ exercise }: { exercise: string }) {
  const [run, setRun] = useState<ProvingRunView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    if (!run || run.outcome !== "running") return;
    const timer = setTimeout(() => {
      webApi.provingRun(run.id).then(setRun, (error: unknown) => {
        setProblem(error instanceof Error ? error.message : String(error));
        // Poll again: a blip in the network leaves the run as it was.
        setRun({ ...run });
      });
    }, pollMs);
    return () => clearTimeout(timer);
  }, [run]);
  function start() {
    startTransition(async () => {
      try {
        const { runId } = await webApi.startRegressionRun(exercise);
        setProblem(null);
        setRun(await webApi.provingRun(runId));
      } catch (error) {
        setProblem(error instanceof Error ? error.message : String(error));
      }
    });
  }
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid={`regression-${exercise}`}>
      <button type="button" onClick={start} disabled={pending || run?.outcome === "running"} className="w-fit rounded-md border border-slate-300 px-3 py-1.5 font-medium disabled:opacity-50 dark:border-slate-700">
        Regression run (reference and mistake cases)
      </button>
      {problem && (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {problem}
        </span>
      )}
      {run && (
        <div role="status">
          <p>
            Revision #{run.revisionNumber}: {run.outcome === "running" ? "running at low priority…" : run.outcome === "passed" ? "every case still gets what it must" : "regressed"}
          </p>
          <ul className="list-disc pl-5">
            {run.cases.map((c) => (
              <li key={c.key}>
                {c.label}: {statusText[c.status]}
                {c.problem ? ` — ${c.problem}` : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
