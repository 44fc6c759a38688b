"use client";
// Starts a regrade of an exercise's learners' latest submissions and opens its live report.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { webApi } from "@/lib/api/web-api";

export function RegradeStart({ exercise, learners }: { exercise: string; learners: number }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function start() {
    startTransition(async () => {
      try {
        const { id } = await webApi.startRegrade(exercise);
        router.push(`/admin/regrades/${encodeURIComponent(id)}`);
      } catch (error) {
        setProblem(error instanceof Error ? error.message : String(error));
      }
    });
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={start}
        disabled={pending || learners === 0}
        className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900"
      >
        Regrade learners&apos; latest ({learners})
      </button>
      {problem && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </span>
      )}
    </div>
  );
}
