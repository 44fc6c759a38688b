"use client";
// A lesson's or a quiz's revision history: publish the newest draft or discard the drafts, restore an old revision
// as a new draft, and compare any revision line by line with the published one.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { RevisionDiff, RevisionRow } from "@/lib/api/answers";
import { webApi } from "@/lib/api/web-api";
import { RevisionDiffView } from "./revision-diff-view";

const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium disabled:opacity-50 dark:border-slate-700";

function actionsFor(kind: "lesson" | "quiz", course: string, lesson: string) {
  return kind === "lesson"
    ? {
        publish: () => webApi.publishLesson(course, lesson),
        discard: () => webApi.discardLessonDraft(course, lesson),
        restore: (id: string) => webApi.restoreLessonRevision(course, lesson, id),
        diff: (id: string) => webApi.lessonRevisionDiff(course, lesson, id),
      }
    : {
        publish: () => webApi.publishQuiz(course, lesson),
        discard: () => webApi.discardQuizDraft(course, lesson),
        restore: (id: string) => webApi.restoreQuizRevision(course, lesson, id),
        diff: (id: string) => webApi.quizRevisionDiff(course, lesson, id),
      };
}

export function RevisionHistory({
  kind,
  course,
  lesson,
  revisions,
  hasDraft,
  editable,
}: {
  kind: "lesson" | "quiz";
  course: string;
  lesson: string;
  revisions: RevisionRow[];
  hasDraft: boolean;
  editable: boolean;
}) {
  const router = useRouter();
  const actions = actionsFor(kind, course, lesson);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [shown, setShown] = useState<{ number: number; diff: RevisionDiff } | null>(null);
  const [pending, startTransition] = useTransition();
  function act(label: string, run: () => Promise<unknown>, reopen = false) {
    startTransition(async () => {
      try {
        await run();
        // A restore over an existing draft changes the newest revision without changing "has a draft", on which the
        // pages key their editors: the page is opened afresh so the editor shows the restored text.
        if (reopen) return window.location.reload();
        setNote({ ok: true, text: label });
        setShown(null);
        router.refresh();
      } catch (error) {
        setNote({ ok: false, text: error instanceof Error ? error.message : String(error) });
      }
    });
  }
  function compare(revision: RevisionRow) {
    startTransition(async () => {
      try {
        setShown({ number: revision.number, diff: await actions.diff(revision.id) });
      } catch (error) {
        setNote({ ok: false, text: error instanceof Error ? error.message : String(error) });
      }
    });
  }
  return (
    <section aria-label={`${kind === "lesson" ? "Lesson" : "Quiz"} revisions`} className="flex flex-col gap-2">
      {editable && (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={button} disabled={pending || !hasDraft} onClick={() => act("Published", actions.publish)}>
            Publish
          </button>
          <button type="button" className={button} disabled={pending || !hasDraft} onClick={() => act("Draft discarded", actions.discard)}>
            Discard draft
          </button>
        </div>
      )}
      {note && (
        <p role={note.ok ? "status" : "alert"} className={note.ok ? "text-sm" : "text-sm text-red-700 dark:text-red-400"}>
          {note.text}
        </p>
      )}
      <h2 className="mt-2 font-semibold">Revisions</h2>
      {revisions.length === 0 && <p className="text-sm">No saved revisions yet.</p>}
      <ol className="flex flex-col gap-1 text-sm">
        {revisions.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-2" data-testid={`revision-${r.number}`}>
            <span>
              #{r.number} {r.title} · {r.authorEmail ?? "from a file"} · {r.createdAt.replace("T", " ").slice(0, 16)}
              {r.published && " · published"}
            </span>
            {!r.published && (
              <button type="button" className="underline" disabled={pending} onClick={() => compare(r)}>
                Show changes
              </button>
            )}
            {editable && !r.published && (
              <button type="button" className="underline" disabled={pending} onClick={() => act(`Revision ${r.number} restored as a draft`, () => actions.restore(r.id), true)}>
                Restore
              </button>
            )}
          </li>
        ))}
      </ol>
      {shown && <RevisionDiffView diff={shown.diff} />}
    </section>
  );
}
