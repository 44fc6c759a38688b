"use client";
// Uploads a course archive (.tar.gz or .zip in the content/ format) and lists what the server found wrong, file by
// file, with the field and line, exactly as the import route reports it.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { ArchiveIssue, CourseImported } from "@/lib/api/answers";
import { ApiError, webApi } from "@/lib/api/web-api";

function issuesOf(error: unknown): ArchiveIssue[] {
  const issues = error instanceof ApiError ? error.details?.issues : undefined;
  return Array.isArray(issues) ? (issues as ArchiveIssue[]) : [];
}

export function CourseImportForm() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [slug, setSlug] = useState("");
  const [draft, setDraft] = useState(true);
  const [result, setResult] = useState<CourseImported | null>(null);
  const [error, setError] = useState<{ message: string; issues: ArchiveIssue[] } | null>(null);
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    startTransition(async () => {
      try {
        setResult(await webApi.importCourse(file, { slug: slug.trim() || undefined, draft }));
        setError(null);
        router.refresh();
      } catch (caught) {
        setResult(null);
        setError({ message: caught instanceof Error ? caught.message : String(caught), issues: issuesOf(caught) });
      }
    });
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Import a course">
      <label className="flex flex-col gap-1 text-sm">
        Archive (.tar.gz or .zip, one course folder as an export holds it)
        <input type="file" accept=".tar.gz,.tgz,.zip,application/gzip,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        Import under another slug (optional)
        <input value={slug} onChange={(e) => setSlug(e.target.value)} className="w-72 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900" />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} /> Keep it a draft (hidden from learners)
      </label>
      <button type="submit" disabled={!file || pending} className="w-fit rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {pending ? "Importing…" : "Import"}
      </button>
      {result && (
        <p role="status" className="text-sm">
          Imported as <code>{result.slug}</code>, {result.published ? "published" : "a draft"}.
          {Object.entries(result.renamedExercises).map(([from, to]) => ` Exercise ${from} is ${to} (its slug belongs to another course).`)}
        </p>
      )}
      {error && (
        <div role="alert" className="text-sm text-red-700 dark:text-red-400">
          <p>{error.message}</p>
          <ul className="list-disc pl-5">
            {error.issues.map((issue, i) => (
              <li key={i}>
                <code>{issue.file}</code>
                {issue.line ? `:${issue.line}` : ""}
                {issue.field ? ` ${issue.field}` : ""} — {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
