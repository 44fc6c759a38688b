"use client";
// The header's account corner: "Sign in" for visitors; for signed-in users their name, links to the staff areas
// server/authz lets them open (the session says which) and sign-out. It also sends a visitor's browser-kept progress to the account the first time it sees a session,
// which covers GitHub sign-ins that never pass through our sign-in form.
import Link from "next/link";
import { useEffect, useState } from "react";
import { clearBrowserProgress } from "@/components/progress/browser-progress";
import { mergeBrowserProgress } from "@/components/progress/account-sync";
import { clientSession, forgetClientSession, onClientSessionChange, type ClientSession } from "./client-session";

const linkClass = "text-sm font-medium text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white";

export function AccountMenu() {
  const [session, setSession] = useState<ClientSession | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const load = () =>
      void clientSession().then((s) => {
        if (!live) return;
        setSession(s);
        if (s) void mergeBrowserProgress(s.user.id);
      });
    load();
    const stop = onClientSessionChange(load);
    return () => {
      live = false;
      stop();
    };
  }, []);

  // The size "Sign in" takes, kept while the session loads so the header does not reflow.
  if (session === undefined) return <span className="inline-block h-5 w-14" aria-hidden="true" />;
  if (!session) {
    return (
      <Link href="/signin" className={linkClass}>
        Sign in
      </Link>
    );
  }
  return (
    <>
      <Link href="/me" className={linkClass}>
        My progress
      </Link>
      {session.areas?.instructor && (
        <Link href="/instructor" className={linkClass}>
          Cohorts
        </Link>
      )}
      {session.areas?.admin && (
        <Link href="/admin" className={linkClass}>
          Admin
        </Link>
      )}
      <Link href="/settings" className={linkClass} title={session.user.email ?? undefined}>
        {session.user.name ?? session.user.email ?? "Account"}
      </Link>
      <button
        type="button"
        className={linkClass}
        onClick={async () => {
          clearBrowserProgress();
          forgetClientSession();
          // Loaded on the click: next-auth's browser client is not needed to read a page.
          const { signOut } = await import("next-auth/react");
          await signOut({ redirectTo: "/" });
        }}
      >
        Sign out
      </button>
    </>
  );
}
