"use client";
// Deleting an account is final, so the learner types their email to confirm; the server checks it again.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { clearBrowserProgress } from "@/components/progress/browser-progress";
import { forgetClientSession } from "./client-session";
import { Field } from "./field";

type ActionResult = { ok: true } | { ok: false; error: string; fields?: Record<string, string> };

export function DeleteAccountForm({ email, action }: { email: string; action: (input: unknown) => Promise<ActionResult> }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await action({ confirmEmail: typed });
      if (!result.ok) {
        setError(result.fields?.confirmEmail ?? result.error);
        return;
      }
      clearBrowserProgress();
      forgetClientSession();
      router.push("/");
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3">
      <Field
        name="confirmEmail"
        label={`Type ${email} to confirm`}
        type="email"
        autoComplete="off"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        error={error ?? undefined}
      />
      <button
        type="submit"
        disabled={pending || typed.trim().toLowerCase() !== email}
        className="self-start rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-50"
      >
        {pending ? "Deleting…" : "Delete my account and all its data"}
      </button>
    </form>
  );
}
