"use client";
// One stored attempt as the learner saw it: their own live view fed the stored events (read-only — nothing to
// grade again), and the files they sent.
import { useMemo } from "react";
import type { SubmissionView } from "@/lib/api/answers";
import type { StreamedEvent } from "@/lib/grading/submission-events";
import { foldEvents } from "@/components/exercise/grading-progress";
import { LiveView } from "@/components/exercise/live-view";

export function AttemptReplay({ view, events }: { view: SubmissionView; events: StreamedEvent[] }) {
  const progress = useMemo(() => foldEvents(events), [events]);
  return (
    <div className="flex flex-col gap-4">
      <LiveView progress={progress} previous={null} reference={null} />
      <section aria-label="Files sent">
        <h3 className="mb-2 text-sm font-semibold">Files sent</h3>
        {Object.entries(view.files).map(([path, text]) => (
          <details key={path} open={path === "Dockerfile"} className="mb-2">
            <summary className="cursor-pointer font-mono text-sm">{path}</summary>
            <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">{text}</pre>
          </details>
        ))}
      </section>
    </div>
  );
}
