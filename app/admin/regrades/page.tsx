import type { Metadata } from "next";
import Link from "next/link";
import { RegradeStart } from "@/components/admin/regrade-start";
import { RegressionRun } from "@/components/admin/regression-run";
import { currentContext } from "@/server/auth/current-actor";
import { regradeOverview } from "@/server/authoring/regrades";
import { orNotFound } from "@/server/http/page-data";

export const metadata: Metadata = { title: "Regrades" };
export const dynamic = "force-dynamic";

export default async function AdminRegradesPage() {
  const exercises = await orNotFound(regradeOverview(await currentContext()));
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold tracking-tight">Regrades</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        After an exercise&apos;s spec or the grader changes, grade each learner&apos;s latest judged submission again. Regrades run at low priority behind
        learners&apos; gradings; the original verdicts stay in the learners&apos; history, and the report lists the verdicts that changed. A regression run
        grades a published exercise&apos;s reference and mistake cases again.
      </p>
      <ul className="mt-6 flex flex-col gap-4">
        {exercises.map((exercise) => (
          <li key={exercise.slug} className="rounded-md border border-slate-200 p-4 dark:border-slate-800" data-testid={`regrade-${exercise.slug}`}>
            <div className="flex flex-wrap items-baseline gap-x-3">
              <h2 className="text-lg font-semibold">{exercise.title}</h2>
              <code className="text-sm">{exercise.slug}</code>
              <span className="text-sm text-slate-500">{exercise.course}</span>
            </div>
            <div className="mt-2 flex flex-col gap-2">
              <RegradeStart exercise={exercise.slug} learners={exercise.learners} />
              {exercise.regressionRun && <RegressionRun exercise={exercise.slug} />}
            </div>
            {exercise.regrades.length > 0 && (
              <ul className="mt-2 text-sm">
                {exercise.regrades.map((r) => (
                  <li key={r.id}>
                    <Link href={`/admin/regrades/${encodeURIComponent(r.id)}`} className="underline">
                      {new Date(r.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC
                    </Link>{" "}
                    by {r.requestedBy ?? "a deleted account"} · {r.finished} of {r.total} graded · {r.changed} changed
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
