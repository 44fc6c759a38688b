"use client";
// The publish button and the proving run it starts, shown live: each case (the reference solution twice, the starter,
// every mistake case) with its state and what it must get, and the chosen case's grading in the learners' own live
// view (build log, checks, verdict) streamed as it happens. When every case is judged the server is asked to publish;
// it refuses, naming the failing case, unless the run proved the revision.
import { useCallback, useEffect, useRef, useState } from "react";
import { LiveView } from "@/components/exercise/live-view";
import { useSubmissionStream } from "@/components/exercise/use-submission-stream";
import type { ProvingRunView } from "@/lib/api/answers";
import { webApi } from "@/lib/api/web-api";

const pollMs = 1000;

const gradingCases = (run: ProvingRunView) => run.cases.some((c) => c.status === "QUEUED" || c.status === "RUNNING");

const statusText = { QUEUED: "queued", RUNNING: "grading", PASSED: "passed", FAILED: "failed", NOT_GRADABLE: "not gradable" } as const;

export interface ProvingRunPanelProps {
  slug: string;
  lastRun: ProvingRunView | null;
  /** Saves unsaved edits first (the run proves the newest saved revision); false when they cannot be saved. */
  saveFirst: () => Promise<boolean>;
  onPublished: (number: number) => void;
}

export function ProvingRunPanel({ slug, lastRun, saveFirst, onPublished }: ProvingRunPanelProps) {
  const [run, setRun] = useState<ProvingRunView | null>(lastRun);
  const [watching, setWatching] = useState<string | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const progress = useSubmissionStream(watching);

  const asked = useRef<string | null>(null);

  // Once every case is graded, the server decides: publish, or refuse naming the failing case.
  const settle = useCallback(
    (view: ProvingRunView) => {
      setRun(view);
      if (gradingCases(view) || asked.current === view.id) return;
      asked.current = view.id;
      webApi.publishExercise(slug, view.id).then(
        ({ number }) => {
          setNote({ ok: true, text: `Published revision ${number}: learners grade against it now.` });
          onPublished(number);
        },
        (error: unknown) => setNote({ ok: false, text: error instanceof Error ? error.message : String(error) }),
      );
    },
    [slug, onPublished],
  );

  const runId = run?.id ?? null;
  const polling = run !== null && gradingCases(run);
  useEffect(() => {
    if (!runId || !polling) return;
    const timer = setInterval(() => {
      // A failed poll keeps the last view: the next one tries again.
      webApi.provingRun(runId).then(settle, () => undefined);
    }, pollMs);
    return () => clearInterval(timer);
  }, [runId, polling, settle]);

  async function prove() {
    setBusy(true);
    setNote(null);
    try {
      if (!(await saveFirst())) return;
      const { runId: started } = await webApi.proveExercise(slug);
      const view = await webApi.provingRun(started);
      setWatching(view.cases[0]?.submissionId ?? null);
      settle(view);
    } catch (error) {
      setNote({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="proving-heading" className="flex flex-col gap-3 rounded-md border border-slate-200 p-4 dark:border-slate-800" data-testid="proving-run">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="proving-heading" className="text-lg font-semibold">
          Publish
        </h2>
        <button type="button" disabled={busy || polling} onClick={() => void prove()} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          {polling ? "Proving…" : "Prove and publish"}
        </button>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Graded on the real grader first: the reference solution twice (it must pass both times), the starter (it must fail), each mistake case (it must fail on its check).
        </p>
      </div>
      {note && (
        <p role={note.ok ? "status" : "alert"} data-testid="publish-note" className={note.ok ? "text-sm font-medium text-green-800 dark:text-green-300" : "text-sm font-medium text-red-700 dark:text-red-400"}>
          {note.text}
        </p>
      )}
      {run && (
        <>
          <p className="text-sm" data-testid="proving-outcome" data-outcome={run.outcome}>
            Run of revision {run.revisionNumber}: {run.outcome === "running" ? "grading…" : run.outcome}
          </p>
          <ul className="flex flex-col gap-1 text-sm" aria-label="Proving cases">
            {run.cases.map((c) => (
              <li key={c.key} data-testid={`case-${c.key}`} data-status={c.status} className="flex flex-wrap items-center gap-2">
                <button type="button" className="underline" disabled={!c.submissionId} onClick={() => setWatching(c.submissionId)} aria-pressed={watching === c.submissionId}>
                  {c.label}
                </button>
                <span>· {statusText[c.status]}</span>
                <span className="text-slate-500">· must {c.mustPass ? "pass" : `fail${c.mustFail.length ? ` ${c.mustFail.join(", ")}` : ""}`}</span>
                {c.problem && <span className="text-red-700 dark:text-red-400">· {c.problem}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {watching && <LiveView progress={progress} previous={null} reference={null} />}
    </section>
  );
}
