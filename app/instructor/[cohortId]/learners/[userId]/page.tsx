import type { Metadata, Route } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AttemptHistoryTable } from "@/components/instructor/attempt-history-table";
import { AttemptReplay } from "@/components/instructor/attempt-replay";
import { cohortPaths } from "@/lib/api/web-api";
import { currentContext } from "@/server/auth/current-actor";
import { cohortLearner } from "@/server/cohorts/learner-detail";
import { orNotFound } from "@/server/http/page-data";
import { removeMemberAction } from "../../../actions";

export const metadata: Metadata = { title: "Learner" };
export const dynamic = "force-dynamic";

export default async function CohortLearnerPage({ params, searchParams }: PageProps<"/instructor/[cohortId]/learners/[userId]">) {
  const { cohortId, userId } = await params;
  const { attempt } = await searchParams;
  const ctx = await currentContext();
  if (!ctx.actor) redirect(`/signin?next=${encodeURIComponent(cohortPaths.learner(cohortId, userId))}`);
  const data = await orNotFound(cohortLearner(ctx, cohortId, userId, typeof attempt === "string" ? attempt : null));
  return (
    <div>
      <p className="text-sm">
        <Link href={cohortPaths.page(cohortId) as Route} className="underline">
          ← {data.cohort.name}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">{data.learner.name ?? data.learner.email}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {data.learner.email} · joined {new Date(data.learner.joinedAt).toLocaleDateString()}
      </p>
      <form action={removeMemberAction.bind(null, cohortId, userId)} className="mt-2">
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900">
          Remove from {data.cohort.name}
        </button>
      </form>

      <section aria-labelledby="attempts-heading" className="mt-8">
        <h2 id="attempts-heading" className="text-xl font-semibold">
          Attempts
        </h2>
        <AttemptHistoryTable attempts={data.attempts} openId={data.opened?.view.id ?? null} hrefOf={(id) => cohortPaths.learner(cohortId, userId, id)} />
      </section>

      {data.opened && (
        <section id="attempt" aria-labelledby="opened-heading" className="mt-8">
          <h2 id="opened-heading" className="text-xl font-semibold">
            Attempt of {new Date(data.opened.view.createdAt).toLocaleString()} at {data.opened.view.exerciseSlug}
          </h2>
          <div className="mt-3">
            <AttemptReplay view={data.opened.view} events={data.opened.events} />
          </div>
        </section>
      )}

      <section aria-labelledby="quiz-heading" className="mt-8">
        <h2 id="quiz-heading" className="text-xl font-semibold">
          Quick test attempts
        </h2>
        {data.quizAttempts.length === 0 ? (
          <p className="mt-2 text-sm">None yet.</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2 text-sm">
            {data.quizAttempts.map((q) => (
              <li key={q.id}>
                <details>
                  <summary className="cursor-pointer">
                    {q.lesson}: {q.correct}/{q.total} ({Math.round(q.score * 100)}%) · {new Date(q.createdAt).toLocaleString()}
                  </summary>
                  <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">{JSON.stringify(q.answers, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="timeline-heading" className="mt-8">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          Timeline
        </h2>
        <ol className="mt-2 flex flex-col gap-1 text-sm" data-testid="learner-timeline">
          {data.timeline.map((entry, i) => (
            <li key={`${entry.at}-${i}`} data-kind={entry.kind}>
              <time dateTime={entry.at} className="text-slate-500">
                {new Date(entry.at).toLocaleString()}
              </time>{" "}
              {entry.text}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
