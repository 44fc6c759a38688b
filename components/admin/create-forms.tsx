"use client";
// The admin area's "new course", "new lesson" and "new exercise" forms: a few text fields, sent through the web API, then the page
// reloads its server data.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { webApi } from "@/lib/api/web-api";

function CreateForm<F extends string>({ label, fields, submit }: { label: string; fields: readonly F[]; submit: (values: Record<F, string>) => Promise<unknown> }) {
  const router = useRouter();
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((f) => [f, ""])) as Record<F, string>);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      try {
        await submit(values);
        setError(null);
        router.refresh();
      } catch (caught) {
        setError(caught instanceof Error ? caught.message : String(caught));
      }
    });
  }
  return (
    <form onSubmit={onSubmit} aria-label={label} className="flex flex-wrap items-end gap-2">
      {fields.map((f) => (
        <label key={f} className="flex flex-col text-sm">
          {f}
          <input name={f} value={values[f]} onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))} className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900" />
        </label>
      ))}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
        {label}
      </button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}

export function NewCourseForm() {
  return <CreateForm label="Create course" fields={["slug", "title", "summary"] as const} submit={(v) => webApi.createCourse(v)} />;
}

export function NewExerciseForm({ course, lesson }: { course: string; lesson: string }) {
  return <CreateForm label="Add exercise" fields={["slug", "title"] as const} submit={(v) => webApi.createExercise(course, lesson, v)} />;
}

export function NewLessonForm({ course }: { course: string }) {
  return <CreateForm label="Add lesson" fields={["slug", "title"] as const} submit={(v) => webApi.createLesson(course, v)} />;
}
