import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CohortLive } from "@/components/instructor/cohort-live";
import { JoinLinkPanel } from "@/components/instructor/join-link-panel";
import { cohortPaths } from "@/lib/api/web-api";
import { currentContext } from "@/server/auth/current-actor";
import { managedCohort } from "@/server/cohorts/cohorts";
import { cohortOverview } from "@/server/cohorts/overview";
import { orNotFound } from "@/server/http/page-data";
import { changeJoinLinkAction } from "../actions";

export const metadata: Metadata = { title: "Cohort" };
export const dynamic = "force-dynamic";

export default async function CohortPage({ params }: PageProps<"/instructor/[cohortId]">) {
  const { cohortId } = await params;
  const ctx = await currentContext();
  if (!ctx.actor) redirect(`/signin?next=${encodeURIComponent(cohortPaths.page(cohortId))}`);
  const [cohort, overview] = await orNotFound(Promise.all([managedCohort(ctx, cohortId), cohortOverview(ctx, cohortId)]));
  return (
    <div>
      <p className="text-sm">
        <Link href="/instructor" className="underline">
          ← Cohorts
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">{cohort.name}</h1>
      <div className="mt-6 grid gap-4 lg:grid-cols-[2fr_1fr]">
        <JoinLinkPanel cohortId={cohort.id} initial={{ joinCode: cohort.joinCode, joinExpiresAt: cohort.joinExpiresAt?.toISOString() ?? null }} action={changeJoinLinkAction} />
        <section aria-labelledby="export-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="export-heading" className="font-semibold">
            Export
          </h2>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            <li>
              <a href={cohortPaths.exportCsv(cohort.id)} download className="underline">
                CSV: a row per learner
              </a>
            </li>
            <li>
              <a href={cohortPaths.exportCsv(cohort.id, "long")} download className="underline">
                CSV: a row per learner, exercise and check
              </a>
            </li>
            <li>
              <a href={cohortPaths.exportJson(cohort.id)} download className="underline">
                JSON: both
              </a>
            </li>
          </ul>
        </section>
      </div>
      <div className="mt-8">
        <CohortLive initial={overview} />
      </div>
    </div>
  );
}
