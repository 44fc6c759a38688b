"use client";
// The lesson editor: front matter as a form, the body in the editor learners use, validated as you type with the
// content schema (lib/content) and previewed through the lesson page's own pipeline (rendered and sanitized on the
// server, which is why the preview may be inserted as HTML). Save makes a draft revision; publish, discard, restore
// and the diff against the published revision are the revision history's (revision-history.tsx).
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { CodeEditor } from "@/components/exercise/code-editor";
import type { LessonEditorData } from "@/lib/api/answers";
import { webApi } from "@/lib/api/web-api";
import { lessonFrontMatterSchema } from "@/lib/content";
import { RevisionHistory } from "./revision-history";
import { ActionNote, type ActionNoteValue } from "./action-note";

const previewDelayMs = 400;

const input = "w-full rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900";
const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium disabled:opacity-50 dark:border-slate-700";

function fieldErrors(frontMatter: LessonEditorData["frontMatter"]): Record<string, string> {
  const parsed = lessonFrontMatterSchema.safeParse(frontMatter);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "_"), `${i.path.join(".")}: ${i.message}`]));
}

export function LessonEditor({ data }: { data: LessonEditorData }) {
  const router = useRouter();
  const [frontMatter, setFrontMatter] = useState(data.frontMatter);
  const [body, setBody] = useState(data.body);
  const [preview, setPreview] = useState<string | null>(null);
  const [note, setNote] = useState<ActionNoteValue | null>(null);
  const [pending, startTransition] = useTransition();
  const errors = useMemo(() => fieldErrors(frontMatter), [frontMatter]);
  const readOnly = !data.course.editable;
  const [objectivesText, setObjectivesText] = useState(data.frontMatter.objectives.join("\n"));

  useEffect(() => {
    const timer = setTimeout(() => {
      webApi.previewLesson(body, frontMatter.keyTerms).then(
        (rendered) => setPreview(rendered.html),
        (error: unknown) => setNote({ ok: false, text: `Preview failed: ${error instanceof Error ? error.message : String(error)}` }),
      );
    }, previewDelayMs);
    return () => clearTimeout(timer);
  }, [body, frontMatter.keyTerms]);

  function act(label: string, run: () => Promise<unknown>) {
    startTransition(async () => {
      try {
        await run();
        setNote({ ok: true, text: label });
        router.refresh();
      } catch (error) {
        setNote({ ok: false, text: error instanceof Error ? error.message : String(error) });
      }
    });
  }
  const { slug: course } = data.course;
  const save = () => act("Draft saved", () => webApi.saveLessonDraft(course, data.slug, { frontMatter, body }));
  const set = <K extends keyof LessonEditorData["frontMatter"]>(key: K, value: LessonEditorData["frontMatter"][K]) => setFrontMatter((fm) => ({ ...fm, [key]: value }));

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-label="Editor" className="flex flex-col gap-3">
        {readOnly && <p className="text-sm">Built-in course: read-only here. Edit the files in <code>content/{course}/{data.slug}/</code>.</p>}
        <label className="text-sm">
          Title
          <input className={input} value={frontMatter.title} readOnly={readOnly} onChange={(e) => set("title", e.target.value)} aria-invalid={Boolean(errors.title)} />
        </label>
        <label className="text-sm">
          Summary
          <input className={input} value={frontMatter.summary} readOnly={readOnly} onChange={(e) => set("summary", e.target.value)} aria-invalid={Boolean(errors.summary)} />
        </label>
        <label className="text-sm">
          Minutes
          <input className={input} type="number" value={Number.isNaN(frontMatter.minutes) ? "" : frontMatter.minutes} readOnly={readOnly} onChange={(e) => set("minutes", e.target.valueAsNumber)} aria-invalid={Boolean(errors.minutes)} />
        </label>
        <label className="text-sm">
          Objectives (one per line)
          <textarea
            className={input}
            rows={3}
            value={objectivesText}
            readOnly={readOnly}
            onChange={(e) => {
              setObjectivesText(e.target.value);
              set("objectives", e.target.value.split("\n").map((line) => line.trim()).filter(Boolean));
            }}
            aria-invalid={Boolean(errors.objectives)}
          />
        </label>
        {Object.keys(errors).length > 0 && (
          <ul role="alert" aria-label="Front matter problems" className="list-disc pl-5 text-sm text-red-700 dark:text-red-400">
            {Object.values(errors).map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        <div className="text-sm">Body (Markdown)</div>
        <div className="min-h-64 rounded-md border border-slate-300 dark:border-slate-700" data-testid="lesson-body-editor">
          <CodeEditor path="lesson.md" value={body} onChange={setBody} onSubmit={save} readOnly={readOnly} />
        </div>
        {!readOnly && (
          <div className="flex flex-wrap gap-2">
            <button type="button" className={button} disabled={pending || Object.keys(errors).length > 0} onClick={save}>
              Save draft
            </button>
          </div>
        )}
        <ActionNote note={note} />
        <RevisionHistory kind="lesson" course={course} lesson={data.slug} revisions={data.revisions} hasDraft={data.hasDraft} editable={!readOnly} />
      </section>
      <section aria-label="Preview" className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
        <h1 className="text-3xl font-bold tracking-tight">{frontMatter.title}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{frontMatter.summary}</p>
        {preview === null ? <p className="text-sm">Rendering…</p> : <div className="lesson-prose mt-4" data-testid="lesson-preview" dangerouslySetInnerHTML={{ __html: preview }} />}
      </section>
    </div>
  );
}
