"use client";
// Every attempt at this exercise, newest first, each one re-openable with its files and events. Only counted
// attempts are numbered: a not-gradable one was our fault, is listed (its files and reason stay readable) and
// says "not counted".
import type { AttemptSummary } from "@/lib/api/answers";
import { formatBytes } from "@/lib/grading/file-rules";
import { attemptNumbers, type SubmissionStatus } from "@/lib/grading/submission-status";

const statusText: Record<SubmissionStatus, string> = { QUEUED: "queued", RUNNING: "grading", PASSED: "passed", FAILED: "failed", NOT_GRADABLE: "not gradable" };
const statusClass: Record<SubmissionStatus, string> = {
  QUEUED: "text-slate-600",
  RUNNING: "text-brand-700 dark:text-brand-300",
  PASSED: "text-green-700 dark:text-green-400",
  FAILED: "text-red-700 dark:text-red-400",
  NOT_GRADABLE: "text-amber-700 dark:text-amber-400",
};

export function AttemptHistory({ attempts, openId, onOpen }: { attempts: AttemptSummary[]; openId: string | null; onOpen: (id: string) => void }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-500">No attempts yet. Press Grade (or Ctrl/⌘+Enter) to send your files.</p>;
  const numbers = attemptNumbers(attempts);
  return (
    <ol aria-label="Attempts" className="flex flex-col divide-y divide-slate-200 text-sm dark:divide-slate-800">
      {attempts.map((a, i) => (
        <li key={a.id} className="flex items-center gap-3 py-1.5" data-status={a.status}>
          <span className="w-8 text-slate-500">{numbers[i] === null ? "—" : `#${numbers[i]}`}</span>
          <span className={`w-24 font-medium ${statusClass[a.status]}`}>
            {statusText[a.status]}
            {numbers[i] === null && <span className="block text-xs font-normal">not counted</span>}
          </span>
          <span className="w-14">{a.score === null ? "—" : `${Math.round(a.score * 100)}%`}</span>
          <span className="w-20">{a.imageSizeBytes === null ? "—" : formatBytes(a.imageSizeBytes)}</span>
          <time dateTime={a.createdAt} className="flex-1 text-slate-600 dark:text-slate-400">
            {new Date(a.createdAt).toLocaleString()}
          </time>
          <button type="button" onClick={() => onOpen(a.id)} disabled={a.id === openId} className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-50 dark:border-slate-600">
            {a.id === openId ? "Shown" : "Open"}
          </button>
        </li>
      ))}
    </ol>
  );
}
