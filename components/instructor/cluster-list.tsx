// Mistake clusters per exercise: the share of the cohort's latest attempts that failed first on each required
// check, split by what the check saw, with the learners in each (one click to their failing attempt), one
// example message and the check's hint — what to explain to the group at once.
import Link from "next/link";
import type { Route } from "next";
import type { ExerciseClusters } from "@/lib/api/answers";
import { cohortPaths } from "@/lib/api/web-api";

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function ClusterList({ cohortId, exercises }: { cohortId: string; exercises: ExerciseClusters[] }) {
  return (
    <div className="flex flex-col gap-6" data-testid="clusters">
      {exercises.map((exercise) => (
        <section key={exercise.exercise.slug} aria-label={`Mistakes in ${exercise.exercise.title}`} data-exercise={exercise.exercise.slug}>
          <h3 className="font-semibold">{exercise.exercise.title}</h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {exercise.attempted} learner{exercise.attempted === 1 ? "" : "s"} tried it; {exercise.passed} passed.
          </p>
          {exercise.clusters.length === 0 ? (
            <p className="mt-2 text-sm">No failing latest attempts.</p>
          ) : (
            <ul className="mt-2 flex flex-col gap-3">
              {exercise.clusters.map((cluster) => (
                <li key={cluster.check} data-check={cluster.check} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
                  <p className="font-medium">
                    {percent(cluster.share)} fail first on “{cluster.title}” <span className="text-sm font-normal text-slate-500">({cluster.learnerCount})</span>
                  </p>
                  {cluster.hint && <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">Hint they see: {cluster.hint}</p>}
                  <ul className="mt-2 flex flex-col gap-2">
                    {cluster.signatures.map((group) => (
                      <li key={group.signature} data-signature={group.signature} className="border-l-2 border-red-300 pl-3 dark:border-red-800">
                        <details>
                          <summary className="cursor-pointer text-sm">
                            <span className="font-medium">{percent(group.share)}</span> <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{group.signature}</code> — {group.learners.length} learner
                            {group.learners.length === 1 ? "" : "s"}
                          </summary>
                          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                            {group.learners.map((learner) => (
                              <li key={learner.id}>
                                <Link href={cohortPaths.learner(cohortId, learner.id, learner.submissionId) as Route} className="underline">
                                  {learner.name ?? learner.email}
                                </Link>
                              </li>
                            ))}
                          </ul>
                          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                            Example:{" "}
                            <Link href={cohortPaths.learner(cohortId, group.example.userId, group.example.submissionId) as Route} className="underline">
                              {group.example.message || "open the attempt"}
                            </Link>
                          </p>
                        </details>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
