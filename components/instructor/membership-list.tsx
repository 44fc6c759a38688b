"use client";
// The cohorts a learner has joined, in their settings, each with its instructor and a way out. Leaving takes
// effect at once: the instructor's next look no longer shows them.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

type ActionResult = { ok: true } | { ok: false; error: string };

export interface Membership {
  cohortId: string;
  name: string;
  instructor: string;
  joinedAt: string;
}

export function MembershipList({ memberships, leave }: { memberships: Membership[]; leave: (cohortId: string) => Promise<ActionResult> }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (memberships.length === 0) return <p className="mt-2 text-slate-700 dark:text-slate-300">You are not in any cohort. An instructor&apos;s join link adds you, once you agree.</p>;
  return (
    <>
      <ul className="mt-3 flex flex-col gap-2">
        {memberships.map((m) => (
          <li key={m.cohortId} data-cohort={m.name} className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 px-4 py-2 dark:border-slate-800">
            <span>
              <span className="font-medium">{m.name}</span> · {m.instructor} sees your progress, quiz attempts and submissions · joined {new Date(m.joinedAt).toLocaleDateString()}
            </span>
            <button
              type="button"
              disabled={pending}
              className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-900"
              onClick={() =>
                startTransition(async () => {
                  const result = await leave(m.cohortId);
                  if (!result.ok) setError(result.error);
                  else router.refresh();
                })
              }
            >
              Leave {m.name}
            </button>
          </li>
        ))}
      </ul>
      {error && <p role="status">{error}</p>}
    </>
  );
}
