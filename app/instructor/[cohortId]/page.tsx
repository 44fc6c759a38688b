import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SmallForm } from "@/components/account/small-form";
import { ProgressRing } from "@/components/progress/progress-ring";
import { currentContext } from "@/server/auth/current-actor";
import { cohortProgress } from "@/server/cohorts/cohorts";
import { orNotFound } from "@/server/http/page-data";
import { addMemberAction } from "../actions";

export const metadata: Metadata = { title: "Cohort progress" };
export const dynamic = "force-dynamic";

export default async function CohortPage({ params }: PageProps<"/instructor/[cohortId]">) {
  const { cohortId } = await params;
  const ctx = await currentContext();
  if (!ctx.actor) redirect(`/signin?next=/instructor/${encodeURIComponent(cohortId)}`);
  const data = await orNotFound(cohortProgress(ctx, cohortId));
  const lessons = data.members[0]?.progress.lessons.map((l) => l.lesson) ?? [];
  return (
    <div>
      <p className="text-sm">
        <Link href="/instructor" className="underline">
          ← Cohorts
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">{data.cohort.name}</h1>
      <section className="mt-6">
        <SmallForm field={{ name: "email", label: "Add a learner by email", type: "email" }} submitLabel="Add" action={addMemberAction} extra={{ cohortId }} />
      </section>
      {data.members.length === 0 ? (
        <p className="mt-6">No members yet.</p>
      ) : (
        <div className="mt-8 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Completion per lesson for each member</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 py-2 text-left">
                  Learner
                </th>
                {lessons.map((l) => (
                  <th key={l.slug} scope="col" className="px-2 py-2 text-left font-medium">
                    {l.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.members.map(({ user, progress }) => (
                <tr key={user.id} className="border-t border-slate-200 dark:border-slate-800">
                  <th scope="row" className="px-2 py-2 text-left font-normal">
                    {user.name ?? user.email}
                    <div className="text-xs text-slate-500">{user.email}</div>
                  </th>
                  {progress.lessons.map((l) => (
                    <td key={l.lesson.slug} className="px-2 py-2">
                      <ProgressRing value={l.completion} size={44} label={`${user.email}, ${l.lesson.title}`} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
