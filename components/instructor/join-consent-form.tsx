"use client";
// The learner's consent: a box they tick themselves after reading what is shared, then Join. The statement's
// version goes with it, so the server knows which text was agreed to.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";

type ActionResult = { ok: true; data: { name: string } } | { ok: false; error: string };

export function JoinConsentForm({ code, consentVersion, cohortName, action }: { code: string; consentVersion: number; cohortName: string; action: (input: unknown) => Promise<ActionResult> }) {
  const router = useRouter();
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await action({ code, consentVersion });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 flex flex-col gap-3">
      <label className="flex items-start gap-2">
        <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} className="mt-1" />
        <span>I have read what is shared and want to join “{cohortName}”.</span>
      </label>
      <div>
        <button type="submit" disabled={!agreed || pending} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {pending ? "Joining…" : "Join the cohort"}
        </button>
      </div>
      {error && <p role="status" className="text-red-700 dark:text-red-400">{error}</p>}
    </form>
  );
}
