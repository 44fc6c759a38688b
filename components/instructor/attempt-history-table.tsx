// A learner's attempts across exercises, newest first, for their instructor: each one opens in the replay below.
import Link from "next/link";
import type { Route } from "next";
import { formatBytes } from "@/lib/grading/file-rules";
import { attemptNumbers, type SubmissionStatus } from "@/lib/grading/submission-status";

export interface LearnerAttempt {
  id: string;
  status: SubmissionStatus;
  score: number | null;
  imageSizeBytes: number | null;
  createdAt: string;
  exercise: { slug: string; title: string };
}

export function AttemptHistoryTable({ attempts, openId, hrefOf }: { attempts: LearnerAttempt[]; openId: string | null; hrefOf: (id: string) => string }) {
  if (attempts.length === 0) return <p className="mt-2 text-sm">No attempts yet.</p>;
  const bySlug = new Map<string, LearnerAttempt[]>();
  for (const a of attempts) bySlug.set(a.exercise.slug, [...(bySlug.get(a.exercise.slug) ?? []), a]);
  const numberOf = new Map<string, number | null>();
  for (const list of bySlug.values()) attemptNumbers(list).forEach((n, i) => numberOf.set((list[i] as LearnerAttempt).id, n));
  return (
    <table className="mt-2 min-w-full text-sm" aria-label="Attempts">
      <thead>
        <tr className="text-left">
          <th className="px-2 py-1">Exercise</th>
          <th className="px-2 py-1">#</th>
          <th className="px-2 py-1">Result</th>
          <th className="px-2 py-1">Score</th>
          <th className="px-2 py-1">Image</th>
          <th className="px-2 py-1">When</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => (
          <tr key={a.id} data-status={a.status} aria-current={a.id === openId ? "true" : undefined} className={`border-t border-slate-200 dark:border-slate-800 ${a.id === openId ? "bg-brand-50 dark:bg-slate-900" : ""}`}>
            <td className="px-2 py-1">{a.exercise.title}</td>
            <td className="px-2 py-1">{numberOf.get(a.id) ?? "—"}</td>
            <td className="px-2 py-1">
              <Link href={hrefOf(a.id) as Route} className="underline">
                {a.status === "NOT_GRADABLE" ? "not gradable (not counted)" : a.status.toLowerCase()}
              </Link>
            </td>
            <td className="px-2 py-1">{a.score === null ? "—" : `${Math.round(a.score * 100)}%`}</td>
            <td className="px-2 py-1">{a.imageSizeBytes === null ? "—" : formatBytes(a.imageSizeBytes)}</td>
            <td className="px-2 py-1">
              <time dateTime={a.createdAt}>{new Date(a.createdAt).toLocaleString()}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
