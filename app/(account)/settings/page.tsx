import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { MembershipList } from "@/components/instructor/membership-list";
import { currentContext } from "@/server/auth/current-actor";
import { myMemberships } from "@/server/cohorts/membership";
import { env } from "@/server/env";
import { resendConfirmation } from "../verify-email/actions";
import { deleteMyAccount, leaveCohortAction, signOutOfAllDevices } from "./actions";

export const metadata: Metadata = { title: "Account settings" };
export const dynamic = "force-dynamic";

const roleName = { LEARNER: "Learner", INSTRUCTOR: "Instructor", ADMIN: "Admin" } as const;

const confirmationNotes: Record<string, string> = {
  sent: "A confirmation link is on its way to your address.",
  rate_limited: "Several links were sent already; try again in an hour.",
};

const buttonClass = "rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900";

export default async function SettingsPage({ searchParams }: PageProps<"/settings">) {
  const ctx = await currentContext();
  const me = ctx.actor;
  if (!me) redirect("/signin?next=/settings");
  const memberships = await myMemberships(ctx);
  const { confirmation, verified } = await searchParams;
  const confirmationNote = typeof confirmation === "string" ? (confirmationNotes[confirmation] ?? "The link could not be sent. Please try again later.") : null;
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold tracking-tight">Account settings</h1>
      <dl className="mt-6 grid grid-cols-[8rem_1fr] gap-y-2">
        <dt className="text-slate-600 dark:text-slate-400">Email</dt>
        <dd>{me.email}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Role</dt>
        <dd>{roleName[me.role]}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Address</dt>
        <dd data-testid="email-status">{me.emailVerified ? "confirmed" : env.REQUIRE_EMAIL_VERIFICATION ? "not confirmed yet: confirm it to grade exercises" : "not confirmed"}</dd>
      </dl>
      {verified && <p role="status" className="mt-4">Thank you: your address is confirmed.</p>}
      {!me.emailVerified && (
        <form action={resendConfirmation} className="mt-4 flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass}>
            Send me a confirmation link
          </button>
          {confirmationNote && <p role="status">{confirmationNote}</p>}
        </form>
      )}

      <section aria-labelledby="cohorts-heading" className="mt-10">
        <h2 id="cohorts-heading" className="text-xl font-semibold">
          Cohorts
        </h2>
        <MembershipList memberships={memberships} leave={leaveCohortAction} />
      </section>

      <section aria-labelledby="sessions-heading" className="mt-10">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Sessions
        </h2>
        <p className="mt-2 text-slate-700 dark:text-slate-300">Signed in somewhere you no longer use, or lost a device? This signs out every browser signed in to your account, this one included.</p>
        <form action={signOutOfAllDevices} className="mt-3">
          <button type="submit" className={buttonClass}>
            Sign out everywhere
          </button>
        </form>
      </section>

      <section aria-labelledby="export-heading" className="mt-10">
        <h2 id="export-heading" className="text-xl font-semibold">
          Your data
        </h2>
        <p className="mt-2 text-slate-700 dark:text-slate-300">Download everything Shipshape keeps about you — account, progress, quiz attempts, submissions and drafts — as one JSON file.</p>
        <a href="/api/me/export" download className={`mt-3 inline-block ${buttonClass}`}>
          Export my data (JSON)
        </a>
      </section>

      <section aria-labelledby="delete-heading" className="mt-10 rounded-lg border border-red-300 p-5 dark:border-red-900">
        <h2 id="delete-heading" className="text-xl font-semibold text-red-800 dark:text-red-300">
          Delete account
        </h2>
        <p className="mt-2 mb-4 text-slate-700 dark:text-slate-300">This removes your account, progress, quiz attempts, submissions and drafts for good. It cannot be undone.</p>
        <DeleteAccountForm email={me.email} action={deleteMyAccount} />
      </section>
    </div>
  );
}
