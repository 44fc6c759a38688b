import type { Metadata, Route } from "next";
import Link from "next/link";
import { JoinConsentForm } from "@/components/instructor/join-consent-form";
import { SharingStatement } from "@/components/instructor/sharing-statement";
import { cohortPaths } from "@/lib/api/web-api";
import { currentContext } from "@/server/auth/current-actor";
import { joinPreview } from "@/server/cohorts/membership";
import { orNotFound } from "@/server/http/page-data";
import { joinCohortAction } from "./actions";

export const metadata: Metadata = { title: "Join a cohort" };
export const dynamic = "force-dynamic";

export default async function JoinPage({ params }: PageProps<"/join/[code]">) {
  const { code } = await params;
  const ctx = await currentContext();
  const preview = await orNotFound(joinPreview(ctx, code));
  const here = cohortPaths.join(code);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold tracking-tight">Join “{preview.cohort.name}”</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        A cohort of <strong>{preview.cohort.instructor}</strong> ({preview.cohort.instructorEmail}), who follows its learners&apos; progress to help them along.
      </p>
      <div className="mt-6">
        <SharingStatement instructor={preview.cohort.instructor} items={preview.sharing.items} scope={preview.sharing.scope} leaving={preview.sharing.leaving} />
      </div>
      {preview.member ? (
        <p role="status" data-testid="joined" className="mt-6">
          You are in this cohort. You can leave it in{" "}
          <Link href="/settings" className="underline">
            Account settings
          </Link>
          .
        </p>
      ) : preview.expired ? (
        <p className="mt-6">This join link has expired. Ask your instructor for a new one.</p>
      ) : preview.ownCohort ? (
        <p className="mt-6">This is your own cohort: share this link with your learners.</p>
      ) : !ctx.actor ? (
        <p className="mt-6">
          <Link href={`/signin?next=${encodeURIComponent(here)}` as Route} className="font-medium underline">
            Sign in
          </Link>{" "}
          or{" "}
          <Link href={`/signup?next=${encodeURIComponent(here)}` as Route} className="font-medium underline">
            create an account
          </Link>{" "}
          to join; you will come back here to confirm.
        </p>
      ) : (
        <JoinConsentForm code={code} consentVersion={preview.sharing.version} cohortName={preview.cohort.name} action={joinCohortAction} />
      )}
    </div>
  );
}
