"use client";
// What the learner watches while grading: where the grading is (queued → build step n of m → start → probes →
// verdict), the logs as they stream, each check as it is decided, and at the end the score and image sizes.
import dynamic from "next/dynamic";
import { formatBytes } from "@/lib/grading/file-rules";
import { AnsiLog } from "./ansi-log";
import { CheckList } from "./check-list";
import { ComposeServices } from "./compose-services";
import { stages, type GradingProgress, type Stage } from "./grading-progress";
import type { SizedImage } from "@/lib/api/answers";

// The chart library is loaded only when a verdict with sizes is shown.
const SizeChart = dynamic(() => import("./size-chart").then((m) => m.SizeChart), { ssr: false });

const stageLabel: Record<Stage, string> = { queued: "Queued", build: "Build", start: "Start", probe: "Probes", verdict: "Verdict" };

function stageDetail(progress: GradingProgress, stage: Stage): string | null {
  if (stage === "queued" && progress.stage === "queued" && progress.queuePosition !== null) {
    return progress.queuePosition === 0 ? "next up" : `position ${progress.queuePosition}`;
  }
  if (stage === "build" && progress.buildStep) return `step ${progress.buildStep.current} of ${progress.buildStep.total}`;
  return null;
}

export interface LiveViewProps {
  progress: GradingProgress;
  previous: { sizeBytes: number | null; label: string } | null;
  reference: SizedImage | null;
  /** Offered when the grading was not gradable (our fault): the same files, graded again. */
  onGradeAgain?: () => void;
}

export function LiveView({ progress, previous, reference, onGradeAgain }: LiveViewProps) {
  const current = stages.indexOf(progress.stage);
  const verdict = progress.verdict;
  const images: SizedImage[] = [];
  if (verdict?.image) images.push({ label: "This attempt", sizeBytes: verdict.image.sizeBytes });
  if (previous?.sizeBytes) images.push({ label: previous.label, sizeBytes: previous.sizeBytes });
  for (const b of verdict?.baselines ?? []) images.push({ label: b.label, sizeBytes: b.sizeBytes });
  if (reference) images.push(reference);

  return (
    <section aria-label="Live grading" data-testid="live-view" data-stage={progress.stage} data-last-seq={progress.lastSeq} className="flex flex-col gap-4">
      <ol aria-label="Grading progress" className="grid grid-cols-5 gap-1 text-xs">
        {stages.map((stage, i) => {
          const state = verdict && i === stages.length - 1 ? "done" : i < current ? "done" : i === current ? "active" : "todo";
          return (
            <li key={stage} data-state={state} aria-current={state === "active" ? "step" : undefined} className="flex flex-col gap-1">
              <span
                className={`h-2 rounded-full ${state === "done" ? "bg-brand-600" : state === "active" ? "animate-pulse bg-brand-300" : "bg-slate-200 dark:bg-slate-700"}`}
              />
              <span className={state === "todo" ? "text-slate-500" : "font-medium"}>
                {stageLabel[stage]}
                {stageDetail(progress, stage) && <span className="block font-normal text-slate-600 dark:text-slate-400">{stageDetail(progress, stage)}</span>}
              </span>
            </li>
          );
        })}
      </ol>
      {progress.queueReason && progress.stage === "queued" && (
        <p data-testid="queue-reason" className="text-sm text-amber-800 dark:text-amber-300">
          {progress.queueReason}
        </p>
      )}
      {progress.buildStep && progress.stage === "build" && <p className="truncate font-mono text-xs text-slate-600 dark:text-slate-400">{progress.buildStep.label}</p>}

      {progress.notices.length > 0 && (
        <ul className="flex flex-col gap-1 text-sm">
          {progress.notices.map((n) => (
            <li key={n.seq} className={n.level === "warn" ? "text-amber-800 dark:text-amber-300" : "text-slate-700 dark:text-slate-300"}>
              {n.text}
            </li>
          ))}
        </ul>
      )}

      {verdict && (
        <div
          role="status"
          data-testid="verdict"
          data-status={verdict.status}
          className={`rounded-md border p-3 ${verdict.status === "pass" ? "border-green-300 bg-green-50 dark:border-green-800 dark:bg-green-950" : verdict.status === "fail" ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950" : "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950"}`}
        >
          <p className="text-lg font-semibold">
            {verdict.status === "error" ? "Not gradable — not counted" : `${verdict.status === "pass" ? "Passed" : "Not yet"} — score ${Math.round(verdict.score * 100)}%`}
          </p>
          {verdict.message && <p className="text-sm">{verdict.message}</p>}
          {verdict.status === "error" && (
            <p className="mt-2 flex flex-wrap items-center gap-3 text-sm">
              This was our side failing, not your Dockerfile: it is not an attempt and costs you nothing.
              {onGradeAgain && (
                <button type="button" onClick={onGradeAgain} className="rounded-md bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700">
                  Grade again
                </button>
              )}
            </p>
          )}
          {verdict.image && (
            <p className="text-sm">
              Image {formatBytes(verdict.image.sizeBytes)}, {verdict.image.layers.length} layers, runs as {verdict.image.user || "root"}; graded in{" "}
              {(verdict.timings.totalMs / 1000).toFixed(1)} s.
            </p>
          )}
        </div>
      )}

      <ComposeServices services={progress.services} />

      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold">Checks</h3>
          <CheckList checks={progress.checks} />
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold">Build and container output</h3>
          <AnsiLog chunks={progress.logs} label="Build and container output" />
        </div>
      </div>

      {verdict?.image && <SizeChart images={images} layers={verdict.image.layers} />}
    </section>
  );
}
