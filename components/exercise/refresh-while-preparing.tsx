"use client";
// While the grader is still making this exercise's base images, the page's server data is fetched again every few
// seconds, so the environment note moves from "preparing" to "ready" without a reload. Editor state is kept: a
// refresh re-renders server components only.
//
// One refresh at a time, the next a few seconds after the last one ended: refreshes started on a clock pile up on a
// server slower than the clock (a first start is busy making images), until they hold every connection the browser
// allows to this host and the page's own requests (the attempt list after a verdict) wait behind them.
import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";

export function RefreshWhilePreparing({ everyMs = 5_000 }: { everyMs?: number }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  useEffect(() => {
    if (refreshing) return;
    const timer = setTimeout(() => startRefresh(() => router.refresh()), everyMs);
    return () => clearTimeout(timer);
  }, [router, everyMs, refreshing]);
  return null;
}
