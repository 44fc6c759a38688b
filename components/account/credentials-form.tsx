"use client";
// Sign-in and sign-up share one form: check the input with the shared zod schema in the browser, call the
// server action (which checks again), then hand this browser's progress to the account and move on.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { Route } from "next";
import { fieldErrors } from "@/lib/validations/field-errors";
import { signInSchema, signUpSchema } from "@/lib/validations/account";
import { mergeBrowserProgress } from "@/components/progress/account-sync";
import { clientSession, forgetClientSession } from "./client-session";
import { Field } from "./field";

type ActionResult = { ok: true } | { ok: false; error: string; fields?: Record<string, string> };

export interface CredentialsFormProps {
  mode: "sign-in" | "sign-up";
  action: (input: unknown) => Promise<ActionResult>;
  /** Where to go afterwards (a same-site path). */
  next: string;
}

export function CredentialsForm({ mode, action, next }: CredentialsFormProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const signUp = mode === "sign-up";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => {
      const value = form.get(key);
      return typeof value === "string" ? value : "";
    };
    const input = { ...(signUp ? { name: text("name") } : {}), email: text("email"), password: text("password") };
    const parsed = (signUp ? signUpSchema : signInSchema).safeParse(input);
    if (!parsed.success) {
      setFields(fieldErrors(parsed.error));
      setError("Please fix the highlighted fields.");
      return;
    }
    setFields({});
    setError(null);
    startTransition(async () => {
      const result = await action(input);
      if (!result.ok) {
        setFields(result.fields ?? {});
        setError(result.error);
        return;
      }
      forgetClientSession();
      const session = await clientSession();
      if (session) await mergeBrowserProgress(session.user.id);
      router.push(next as Route);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-describedby={error ? "form-error" : undefined}>
      {error && (
        <p id="form-error" role="status" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
      {signUp && <Field name="name" label="Name (optional)" autoComplete="name" error={fields.name} />}
      <Field name="email" label="Email" type="email" autoComplete="email" required error={fields.email} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete={signUp ? "new-password" : "current-password"}
        required
        error={fields.password}
        hint={signUp ? "At least 12 characters. A short sentence is easy to remember and hard to guess." : undefined}
      />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Please wait…" : signUp ? "Create account" : "Sign in"}
      </button>
    </form>
  );
}
