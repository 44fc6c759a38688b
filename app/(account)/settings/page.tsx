import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { currentActor } from "@/server/auth/current-actor";
import { deleteMyAccount } from "./actions";

export const metadata: Metadata = { title: "Account settings" };
export const dynamic = "force-dynamic";

const roleName = { LEARNER: "Learner", INSTRUCTOR: "Instructor", ADMIN: "Admin" } as const;

export default async function SettingsPage() {
  const me = await currentActor();
  if (!me) redirect("/signin?next=/settings");
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold tracking-tight">Account settings</h1>
      <dl className="mt-6 grid grid-cols-[8rem_1fr] gap-y-2">
        <dt className="text-slate-600 dark:text-slate-400">Email</dt>
        <dd>{me.email}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Role</dt>
        <dd>{roleName[me.role]}</dd>
      </dl>

      <section aria-labelledby="export-heading" className="mt-10">
        <h2 id="export-heading" className="text-xl font-semibold">
          Your data
        </h2>
        <p className="mt-2 text-slate-700 dark:text-slate-300">Download everything Shipshape keeps about you — account, progress, quiz attempts, submissions and drafts — as one JSON file.</p>
        <a href="/api/me/export" download className="mt-3 inline-block rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900">
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
