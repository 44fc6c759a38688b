"use client";
// A one-line form bound to a server action that answers { ok, error, fields }: shows the error, resets on success.
import { useState, useTransition, type FormEvent } from "react";
import { Field } from "./field";

type ActionResult = { ok: true } | { ok: false; error: string; fields?: Record<string, string> };

export interface SmallFormProps {
  field: { name: string; label: string; type?: string };
  submitLabel: string;
  action: (input: unknown) => Promise<ActionResult>;
  /** Fixed values sent with the field (e.g. the cohort id). */
  extra?: Record<string, string>;
}

export function SmallForm({ field, submitLabel, action, extra }: SmallFormProps) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await action({ ...extra, [field.name]: value });
      if (result.ok) {
        setValue("");
        setError(undefined);
      } else setError(result.fields?.[field.name] ?? result.error);
    });
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <Field name={field.name} label={field.label} type={field.type ?? "text"} value={value} onChange={(e) => setValue(e.target.value)} error={error} />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {submitLabel}
      </button>
    </form>
  );
}
