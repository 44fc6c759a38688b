"use client";
// The cohort's join link as its instructor manages it: copy it, replace it (every earlier link stops working),
// turn joining off, or give the link an end date. Learners who already joined stay either way.
import { useState, useTransition } from "react";
import { cohortPaths } from "@/lib/api/web-api";
import { useHydrated } from "@/components/ui/use-hydrated";

type LinkState = { joinCode: string | null; joinExpiresAt: string | null };
type ActionResult = { ok: true; data: LinkState } | { ok: false; error: string };

export interface JoinLinkPanelProps {
  cohortId: string;
  initial: LinkState;
  action: (input: unknown) => Promise<ActionResult>;
}

const buttonClass = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-900";

export function JoinLinkPanel({ cohortId, initial, action }: JoinLinkPanelProps) {
  const [link, setLink] = useState(initial);
  const [note, setNote] = useState<string | null>(null);
  const [expiry, setExpiry] = useState(initial.joinExpiresAt?.slice(0, 10) ?? "");
  const [pending, startTransition] = useTransition();
  // The full link names the site as the instructor's browser reaches it, known only once hydrated.
  const hydrated = useHydrated();
  const url = link.joinCode ? `${hydrated ? window.location.origin : ""}${cohortPaths.join(link.joinCode)}` : null;

  function change(input: Record<string, unknown>, done: string) {
    startTransition(async () => {
      const result = await action({ cohortId, ...input });
      if (!result.ok) return setNote(result.error);
      setLink(result.data);
      setNote(done);
    });
  }

  async function copy() {
    if (!url) return;
    await navigator.clipboard.writeText(url).then(
      () => setNote("Link copied."),
      () => setNote("Copy the link from the box."),
    );
  }

  return (
    <section aria-labelledby="join-link-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="join-link-heading" className="font-semibold">
        Join link
      </h2>
      {url ? (
        <>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Learners who open it see what you will see of their work and join only if they agree.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <input readOnly value={url} aria-label="Join link" data-testid="join-link" className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-900" onFocus={(e) => e.target.select()} />
            <button type="button" className={buttonClass} onClick={() => void copy()}>
              Copy link
            </button>
          </div>
        </>
      ) : (
        <p className="mt-1 text-sm">Joining is off: nobody can join until you make a new link.</p>
      )}
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <button type="button" className={buttonClass} disabled={pending} onClick={() => change({ change: "rotate" }, "A new link is ready; the old one no longer works.")}>
          {link.joinCode ? "Replace link" : "Make a join link"}
        </button>
        {link.joinCode && (
          <button type="button" className={buttonClass} disabled={pending} onClick={() => change({ change: "disable" }, "Joining is off.")}>
            Turn joining off
          </button>
        )}
        <label className="flex flex-col text-sm">
          Expires on
          <input type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <button
          type="button"
          className={buttonClass}
          disabled={pending}
          onClick={() => change({ change: "expiry", expiresAt: expiry ? new Date(`${expiry}T23:59:59Z`).toISOString() : null }, expiry ? `The link works until the end of ${expiry} (UTC).` : "The link does not expire.")}
        >
          {expiry ? "Set expiry" : "No expiry"}
        </button>
      </div>
      {link.joinExpiresAt && <p className="mt-2 text-sm">Expires {new Date(link.joinExpiresAt).toUTCString()}.</p>}
      {note && (
        <p role="status" className="mt-2 text-sm">
          {note}
        </p>
      )}
    </section>
  );
}
