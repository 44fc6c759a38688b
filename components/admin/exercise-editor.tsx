"use client";
// The exercise editor: the spec as a form and the file sets (starter, reference solution, each mistake case with the
// check it must fail on) in the editor learners use, the whole draft checked with the grader's own schemas as the
// author types (lib/authoring/exercise-draft.ts; the server checks it again). Save makes a draft revision; "Prove and
// publish" runs the proving run live and publishes only what it proved (proving-run-panel.tsx). The revision history
// (revision-history.tsx) compares, restores and discards. Built-in exercises are shown read-only with their folder in
// content/.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { ExerciseDraftData, ExerciseEditorData } from "@/lib/api/answers";
import { webApi } from "@/lib/api/web-api";
import { caseNameSchema, draftProblems } from "@/lib/authoring/exercise-draft";
import type { UploadLimits } from "@/lib/grading/file-rules";
import { ExerciseSpecForm } from "./exercise-spec-form";
import { FileSetEditor } from "./file-set-editor";
import { ProvingRunPanel } from "./proving-run-panel";
import { RevisionHistory } from "./revision-history";
import { ActionNote, type ActionNoteValue } from "./action-note";

const input = "rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900";
const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium disabled:opacity-50 dark:border-slate-700";

type SetKey = "starter" | "solution" | `mistake:${string}`;

export interface ExerciseEditorProps {
  data: ExerciseEditorData;
  uploadLimits: UploadLimits;
  /** Where learners open this exercise (the published revision; authors see the newest draft there before the first publish). */
  learnerHref: string;
}

export function ExerciseEditor({ data, uploadLimits, learnerHref }: ExerciseEditorProps) {
  const router = useRouter();
  const readOnly = !data.course.editable;
  const [draft, setDraft] = useState<ExerciseDraftData>(data.draft);
  const [saved, setSaved] = useState(JSON.stringify(data.draft));
  const [open, setOpen] = useState<SetKey>("starter");
  const [newCase, setNewCase] = useState("");
  const [note, setNote] = useState<ActionNoteValue | null>(null);
  const [saving, setSaving] = useState(false);
  const problems = useMemo(() => draftProblems(draft, uploadLimits), [draft, uploadLimits]);
  const byField = useMemo(() => Object.fromEntries(problems.map((p) => [p.field, p.message])), [problems]);
  const dirty = JSON.stringify(draft) !== saved;
  const requiredChecks = draft.spec.checks.filter((c) => c.required).map((c) => c.id);
  const caseProblem = newCase ? (caseNameSchema.safeParse(newCase).error?.issues[0]?.message ?? (newCase in draft.mistakes ? `"${newCase}" exists already` : null)) : null;

  async function save(): Promise<boolean> {
    if (problems.length) {
      setNote({ ok: false, text: `Not saved: ${problems.length} problem${problems.length === 1 ? "" : "s"} to fix first.` });
      return false;
    }
    if (!dirty) return true;
    setSaving(true);
    try {
      const { number } = await webApi.saveExerciseDraft(data.slug, draft);
      setSaved(JSON.stringify(draft));
      setNote({ ok: true, text: `Draft saved as revision ${number}.` });
      router.refresh();
      return true;
    } catch (error) {
      setNote({ ok: false, text: error instanceof Error ? error.message : String(error) });
      return false;
    } finally {
      setSaving(false);
    }
  }

  const setFiles = (key: SetKey, files: Record<string, string>) =>
    setDraft((d) => (key === "starter" || key === "solution" ? { ...d, [key]: files } : { ...d, mistakes: { ...d.mistakes, [key.slice("mistake:".length)]: files } }));
  const setMistakeOutcome = (name: string, outcome: { failing?: string; why?: string }) =>
    setDraft((d) => {
      const current = d.expected.mistakes[name] ?? { status: "fail" as const, failing: [] };
      const failing = outcome.failing === undefined ? current.failing : (outcome.failing ? [outcome.failing] : []) as typeof current.failing;
      return { ...d, expected: { ...d.expected, mistakes: { ...d.expected.mistakes, [name]: { ...current, status: "fail", failing, why: outcome.why ?? current.why } } } };
    });
  function addCase() {
    if (!newCase || caseProblem) return;
    const name = newCase;
    setDraft((d) => ({
      ...d,
      mistakes: { ...d.mistakes, [name]: { ...d.solution } },
      expected: { ...d.expected, mistakes: { ...d.expected.mistakes, [name]: { status: "fail", failing: requiredChecks.slice(-1), why: "Say what the learner got wrong." } } },
    }));
    setOpen(`mistake:${name}`);
    setNewCase("");
  }
  function removeCase(name: string) {
    setDraft((d) => {
      const { [name]: _files, ...mistakes } = d.mistakes;
      const { [name]: _outcome, ...outcomes } = d.expected.mistakes;
      return { ...d, mistakes, expected: { ...d.expected, mistakes: outcomes } };
    });
    setOpen("starter");
  }

  const openName = open.startsWith("mistake:") ? open.slice("mistake:".length) : null;
  const openFiles = open === "starter" ? draft.starter : open === "solution" ? draft.solution : (draft.mistakes[openName ?? ""] ?? {});
  const openOutcome = openName ? draft.expected.mistakes[openName] : undefined;

  return (
    <div className="flex flex-col gap-6">
      {readOnly && (
        <p className="text-sm">
          Built-in exercise: read-only here. Edit the files in <code>{data.contentPath}</code> and sync.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="exercise-state">{data.state === "PUBLISHED" ? (data.hasDraft ? "published · unpublished changes" : "published") : "draft · not yet published"}</span>
        {data.newestRevisionId && (
          <Link href={`/admin/exercises/${data.slug}/preview/${data.newestRevisionId}` as never} className="underline" target="_blank" title={dirty ? "Shows the last saved revision: save to preview your changes" : undefined}>
            Preview as a learner
          </Link>
        )}
        <Link href={learnerHref as never} className="underline" target="_blank">
          Learners&apos; page
        </Link>
      </div>
      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-label="Spec">
          <ExerciseSpecForm spec={draft.spec} onChange={(spec) => setDraft((d) => ({ ...d, spec }))} readOnly={readOnly} problems={byField} />
        </section>
        <section aria-label="File sets" className="flex flex-col gap-3">
          <div role="tablist" aria-label="File sets" className="flex flex-wrap gap-2">
            {(["starter", "solution", ...Object.keys(draft.mistakes).map((n) => `mistake:${n}` as const)] as SetKey[]).map((key) => (
              <button key={key} type="button" role="tab" aria-selected={open === key} onClick={() => setOpen(key)} className={`${button} ${open === key ? "bg-slate-100 dark:bg-slate-800" : ""}`}>
                {key === "starter" ? "Starter" : key === "solution" ? "Reference solution" : `Mistake: ${key.slice("mistake:".length)}`}
              </button>
            ))}
          </div>
          {!readOnly && (
            <form
              aria-label="Add mistake case"
              className="flex flex-wrap items-end gap-2 text-sm"
              onSubmit={(e) => {
                e.preventDefault();
                addCase();
              }}
            >
              <label className="flex flex-col">
                Mistake case name
                <input className={input} value={newCase} onChange={(e) => setNewCase(e.target.value)} placeholder="no-user" />
              </label>
              <button type="submit" className={button} disabled={!newCase || Boolean(caseProblem)}>
                Add mistake case
              </button>
              {caseProblem && <span className="text-xs text-red-700 dark:text-red-400">{caseProblem}</span>}
            </form>
          )}
          {openName && (
            <div className="flex flex-wrap items-end gap-3 text-sm" data-testid={`outcome-${openName}`}>
              <label className="flex flex-col">
                Must fail on
                <select className={input} disabled={readOnly} value={openOutcome?.failing[0] ?? ""} onChange={(e) => setMistakeOutcome(openName, { failing: e.target.value })}>
                  <option value="">(choose a required check)</option>
                  {requiredChecks.map((id) => (
                    <option key={id} value={id}>
                      {id}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex grow flex-col">
                Why (one line)
                <input className={input} readOnly={readOnly} value={openOutcome?.why ?? ""} onChange={(e) => setMistakeOutcome(openName, { why: e.target.value })} />
              </label>
              {!readOnly && (
                <button type="button" className={button} onClick={() => removeCase(openName)}>
                  Remove case
                </button>
              )}
            </div>
          )}
          <FileSetEditor key={open} name={open.replace("mistake:", "mistake-")} files={openFiles} onChange={(files) => setFiles(open, files)} onSave={() => void save()} readOnly={readOnly} uploadLimits={uploadLimits} />
        </section>
      </div>
      {problems.length > 0 && (
        <ul role="alert" aria-label="Draft problems" data-testid="draft-problems" className="list-disc pl-5 text-sm text-red-700 dark:text-red-400">
          {problems.map((p) => (
            <li key={`${p.field}:${p.message}`}>
              {p.field}: {p.message}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={button} disabled={saving || problems.length > 0 || !dirty} onClick={() => void save()}>
            Save draft
          </button>
          {dirty && <span className="text-sm text-slate-600 dark:text-slate-400">Unsaved changes</span>}
          <ActionNote note={note} />
        </div>
      )}
      {!readOnly && <ProvingRunPanel slug={data.slug} lastRun={data.lastRun} saveFirst={save} onPublished={() => router.refresh()} />}
      <RevisionHistory kind="exercise" slug={data.slug} revisions={data.revisions} hasDraft={data.hasDraft} editable={!readOnly} />
    </div>
  );
}
