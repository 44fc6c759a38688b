"use client";
// While the grader is still making this exercise's base images, the page's server data is fetched again every few
// seconds, so the environment note moves from "preparing" to "ready" without a reload. Editor state is kept: a
// refresh re-renders server components only.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function RefreshWhilePreparing({ everyMs = 5_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
