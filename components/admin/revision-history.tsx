"use client";
// A lesson's, a quiz's or an exercise's revision history: publish the newest draft (not an exercise's: its proving run
// publishes it) or discard the drafts, restore an old revision as a new draft, and compare any revision line by line
// with the published one.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { RevisionDiff, RevisionRow } from "@/lib/api/answers";
import { webApi } from "@/lib/api/web-api";
import { RevisionDiffView } from "./revision-diff-view";
import { ActionNote, type ActionNoteValue } from "./action-note";

const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium disabled:opacity-50 dark:border-slate-700";

type RevisionSubject = { kind: "lesson" | "quiz"; course: string; lesson: string } | { kind: "exercise"; slug: string };

interface RevisionActions {
  publish?: () => Promise<unknown>;
  discard: () => Promise<unknown>;
  restore: (id: string) => Promise<unknown>;
  diff: (id: string) => Promise<RevisionDiff>;
  /** The exercise editor holds the newest revision in its own state: after a discard it is opened afresh too. */
  reopenAfterDiscard: boolean;
}

const labels = { lesson: "Lesson", quiz: "Quiz", exercise: "Exercise" } as const;

function actionsFor(subject: RevisionSubject): RevisionActions {
  if (subject.kind === "exercise") {
    const { slug } = subject;
    return {
      discard: () => webApi.discardExerciseDraft(slug),
      restore: (id) => webApi.restoreExerciseRevision(slug, id),
      diff: (id) => webApi.exerciseRevisionDiff(slug, id),
      reopenAfterDiscard: true,
    };
  }
  const { course, lesson } = subject;
  return subject.kind === "lesson"
    ? {
        publish: () => webApi.publishLesson(course, lesson),
        discard: () => webApi.discardLessonDraft(course, lesson),
        restore: (id) => webApi.restoreLessonRevision(course, lesson, id),
        diff: (id) => webApi.lessonRevisionDiff(course, lesson, id),
        reopenAfterDiscard: false,
      }
    : {
        publish: () => webApi.publishQuiz(course, lesson),
        discard: () => webApi.discardQuizDraft(course, lesson),
        restore: (id) => webApi.restoreQuizRevision(course, lesson, id),
        diff: (id) => webApi.quizRevisionDiff(course, lesson, id),
        reopenAfterDiscard: false,
      };
}

export function RevisionHistory({
  revisions,
  hasDraft,
  editable,
  ...subject
}: RevisionSubject & {
  revisions: RevisionRow[];
  hasDraft: boolean;
  editable: boolean;
}) {
  const router = useRouter();
  const actions = actionsFor(subject);
  const { publish } = actions;
  const [note, setNote] = useState<ActionNoteValue | null>(null);
  const [shown, setShown] = useState<{ number: number; diff: RevisionDiff } | null>(null);
  const [pending, startTransition] = useTransition();
  function act(label: string, run: () => Promise<unknown>, reopen = false) {
    startTransition(async () => {
      try {
        await run();
        // A restore over an existing draft changes the newest revision without changing "has a draft", on which the
        // lesson and quiz pages key their editors: the page is opened afresh so the editor shows the restored text.
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
    <section aria-label={`${labels[subject.kind]} revisions`} className="flex flex-col gap-2">
      {editable && (
        <div className="flex flex-wrap gap-2">
          {publish && (
            <button type="button" className={button} disabled={pending || !hasDraft} onClick={() => act("Published", publish)}>
              Publish
            </button>
          )}
          <button type="button" className={button} disabled={pending || !hasDraft} onClick={() => act("Draft discarded", actions.discard, actions.reopenAfterDiscard)}>
            Discard draft
          </button>
        </div>
      )}
      <ActionNote note={note} />
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
