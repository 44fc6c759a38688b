"use client";
// The cohort page's live part: the matrix and the clusters, fetched again every few seconds, so a learner's
// grading shows within the 5 s without a reload. Polling (not a stream) because an instructor's page is
// one of few and a poll costs a constant number of queries (server/cohorts/cohort-facts.ts).
import { useEffect, useState } from "react";
import type { CohortOverview } from "@/lib/api/answers";
import { webApi } from "@/lib/api/web-api";
import { ClusterList } from "./cluster-list";
import { MatrixTable } from "./matrix-table";

export const pollIntervalMs = 2_500;

export function CohortLive({ initial }: { initial: CohortOverview }) {
  const [overview, setOverview] = useState(initial);
  const [stale, setStale] = useState(false);
  const cohortId = initial.matrix.cohort.id;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const next = await webApi.cohortOverview(cohortId);
        if (!stopped) {
          setOverview(next);
          setStale(false);
        }
      } catch {
        if (!stopped) setStale(true);
      }
      if (!stopped) timer = setTimeout(() => void poll(), pollIntervalMs);
    };
    timer = setTimeout(() => void poll(), pollIntervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [cohortId]);

  return (
    <div data-testid="cohort-live" data-generated-at={overview.matrix.generatedAt}>
      <p className="text-xs text-slate-500" role={stale ? "status" : undefined}>
        {stale ? "Could not refresh; showing the data of " : "Live; updated "}
        {new Date(overview.matrix.generatedAt).toLocaleTimeString()}
      </p>
      <section aria-labelledby="matrix-heading" className="mt-4">
        <h2 id="matrix-heading" className="text-xl font-semibold">
          Progress
        </h2>
        <div className="mt-3">
          <MatrixTable matrix={overview.matrix} />
        </div>
      </section>
      <section aria-labelledby="clusters-heading" className="mt-10">
        <h2 id="clusters-heading" className="text-xl font-semibold">
          Mistake clusters
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Each learner&apos;s latest attempt, grouped by the required check that failed first.</p>
        <div className="mt-3">
          <ClusterList cohortId={cohortId} exercises={overview.clusters} />
        </div>
      </section>
    </div>
  );
}
