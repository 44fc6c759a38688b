"use client";
// The loop a learner lives in: edit the files, grade (button or Ctrl/Cmd+Enter), watch the grading live, look
// back at earlier attempts. Files autosave; the server re-validates everything this page checks.
import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { AttemptSummary, SizedImage } from "@/lib/api/answers";
import { ApiError, webApi } from "@/lib/api/web-api";
import { fileSetProblems, type UploadLimits } from "@/lib/grading/file-rules";
import { statusOfVerdict } from "@/lib/grading/submission-status";
import { AttemptHistory } from "./attempt-history";
import { EditorOnDemand } from "./editor-on-demand";
import { FileTree } from "./file-tree";
import type { GradingProgress } from "./grading-progress";
import { LiveView } from "./live-view";
import { readLocalDraft, useDraftAutosave } from "./use-draft-autosave";
import { useSubmissionStream, type StreamSeed } from "./use-submission-stream";

export interface ExerciseWorkspaceProps {
  slug: string;
  starter: Record<string, string>;
  /** The signed-in learner's saved draft, if any (anonymous drafts live in localStorage). */
  draft: Record<string, string> | null;
  signedIn: boolean;
  signInHref: string;
  attempts: AttemptSummary[];
  solutionUnlocksAfter: number;
  reference: SizedImage | null;
  /** What a grading accepts now (the grader's reported limits, within the web's), from the page's grading environment. */
  uploadLimits: UploadLimits;
  /**
   * An author's "preview as a learner" of an exercise revision: graded against that revision, counted as no one's
   * attempt, its files kept in this browser (not in the author's own draft of the published exercise).
   */
  preview?: { revisionId: string; solution: Record<string, string> };
}

/** The server's own words for a refusal; a network failure is said plainly. */
function problemOf(error: unknown, fallback: string): { text: string; signIn?: boolean } {
  if (error instanceof ApiError) return { text: error.message, signIn: error.status === 401 };
  return { text: error instanceof TypeError ? "The server could not be reached. Check your connection and try again." : fallback };
}

/** Where grading, the attempt list and the solution come from: the learner's exercise, or the revision an author previews. */
function gradingSource(slug: string, preview: ExerciseWorkspaceProps["preview"]) {
  if (!preview) return { attempts: () => webApi.attempts(slug), submit: (files: Record<string, string>) => webApi.submit(slug, files), solution: () => webApi.solution(slug) };
  const { revisionId, solution } = preview;
  return {
    attempts: () => webApi.previewGradings(slug, revisionId),
    submit: (files: Record<string, string>) => webApi.gradePreview(slug, revisionId, files),
    solution: () => Promise.resolve({ files: solution }),
  };
}

function firstPath(files: Record<string, string>): string | null {
  return "Dockerfile" in files ? "Dockerfile" : (Object.keys(files).sort()[0] ?? null);
}

/**
 * The attempts with the open one as its live verdict says it ended: that verdict is the one the server stored, so
 * the list agrees with the live view at once, not only once the refreshed list arrives (or if it never does).
 */
function withLiveVerdict(attempts: AttemptSummary[], openId: string | null, verdict: GradingProgress["verdict"]): AttemptSummary[] {
  if (!openId || !verdict) return attempts;
  const ended = { status: statusOfVerdict(verdict), score: verdict.score, imageSizeBytes: verdict.image?.sizeBytes ?? null, layers: verdict.image?.layers ?? [] };
  return attempts.map((a) => (a.id === openId ? { ...a, ...ended } : a));
}

export function ExerciseWorkspace({ slug, starter, draft, signedIn, signInHref, attempts: initialAttempts, solutionUnlocksAfter, reference, uploadLimits, preview }: ExerciseWorkspaceProps) {
  const source = useMemo(() => gradingSource(slug, preview), [slug, preview]);
  const savesToAccount = signedIn && !preview;
  const draftKey = preview ? `${slug}@${preview.revisionId}` : slug;
  const [files, setFiles] = useState<Record<string, string>>(draft ?? starter);
  const [active, setActive] = useState<string | null>(firstPath(draft ?? starter));
  const [listed, setAttempts] = useState(initialAttempts);
  const [referenceImage, setReferenceImage] = useState(reference);
  const [openId, setOpenId] = useState<string | null>(null);
  const [opened, setOpened] = useState<{ id: string; files: Record<string, string> } | null>(null);
  const [openedFile, setOpenedFile] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ text: string; signIn?: boolean } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [solution, setSolution] = useState<Record<string, string> | null>(null);
  const saveState = useDraftAutosave(draftKey, files, savesToAccount);
  const [seed, setSeed] = useState<StreamSeed | null>(null);
  const progress = useSubmissionStream(openId, seed);

  useEffect(() => {
    if (savesToAccount || draft) return;
    const local = readLocalDraft(draftKey);
    // Restoring a browser draft after hydration: the server cannot know it, so the first render shows the starter.
    if (local && Object.keys(local).length) {
      setFiles(local);
      setActive(firstPath(local));
    }
  }, [draftKey, savesToAccount, draft]);

  const refreshAttempts = useCallback(async () => {
    // A failed refresh keeps the list as it was; the open attempt still shows its verdict (withLiveVerdict).
    const body = await source.attempts().catch(() => null);
    if (!body) return;
    setAttempts(body.attempts);
    if (body.reference) setReferenceImage({ label: body.reference.label, sizeBytes: body.reference.sizeBytes });
  }, [source]);

  const verdictStatus = progress.verdict?.status;
  useEffect(() => {
    if (verdictStatus) void refreshAttempts();
  }, [verdictStatus, refreshAttempts]);
  const attempts = useMemo(() => withLiveVerdict(listed, openId, progress.verdict), [listed, openId, progress.verdict]);

  const inFlight = attempts.some((a) => a.status === "QUEUED" || a.status === "RUNNING") && !verdictStatus;
  const localProblems = useMemo(() => fileSetProblems(files, uploadLimits), [files, uploadLimits]);

  const grade = useCallback(async () => {
    if (submitting) return;
    if (!signedIn) return setProblem({ text: "Grading runs your Dockerfile on our engine, so it needs an account.", signIn: true });
    if (localProblems.length) return setProblem({ text: localProblems.join(" ") });
    setSubmitting(true);
    setProblem(null);
    try {
      const { id, event } = await source.submit(files);
      setOpened(null);
      setSeed({ submissionId: id, event });
      setOpenId(id);
      setAttempts((rows) => [{ id, status: "QUEUED", score: null, imageSizeBytes: null, createdAt: event.at, layers: [] }, ...rows]);
    } catch (error) {
      setProblem(problemOf(error, "Grading could not start."));
    } finally {
      setSubmitting(false);
    }
  }, [submitting, signedIn, localProblems, source, files]);

  async function openAttempt(id: string) {
    setOpenId(id);
    try {
      const view = await webApi.submission(id);
      setOpened({ id, files: view.files });
      setOpenedFile(firstPath(view.files));
    } catch (error) {
      setProblem(problemOf(error, "That attempt could not be loaded."));
    }
  }

  async function showSolution() {
    try {
      setSolution((await source.solution()).files);
    } catch (error) {
      setProblem(problemOf(error, "The reference solution could not be loaded."));
    }
  }

  const failed = attempts.filter((a) => a.status === "FAILED").length;
  const openIndex = attempts.findIndex((a) => a.id === openId);
  const previousAttempt = openIndex >= 0 ? attempts.slice(openIndex + 1).find((a) => a.imageSizeBytes !== null) : undefined;

  const update = (path: string, text: string) => setFiles((current) => ({ ...current, [path]: text }));
  const rename = (from: string, to: string) =>
    setFiles((current) => {
      const { [from]: text = "", ...rest } = current;
      return { ...rest, [to]: text };
    });
  const remove = (path: string) => {
    const { [path]: _gone, ...rest } = files;
    setFiles(rest);
    if (active === path) setActive(firstPath(rest));
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-4 lg:grid-cols-[14rem_1fr]">
        <aside aria-label="Project files">
          <FileTree
            paths={Object.keys(files)}
            active={active}
            onSelect={setActive}
            onAdd={(path) => (update(path, ""), setActive(path))}
            onRename={(from, to) => (rename(from, to), active === from && setActive(to))}
            onDelete={remove}
            onReplaceAll={(next) => (setFiles(next), setActive(firstPath(next)))}
            uploadLimits={uploadLimits}
          />
          <button type="button" onClick={() => (setFiles(starter), setActive(firstPath(starter)))} className="mt-3 text-xs text-slate-600 underline dark:text-slate-400">
            Reset to the starter files
          </button>
        </aside>
        <div className="flex min-w-0 flex-col gap-2">
          {active !== null && active in files ? (
            <EditorOnDemand path={active} value={files[active] ?? ""} onChange={(text) => update(active, text)} onSubmit={() => void grade()} />
          ) : (
            <p className="rounded border border-dashed border-slate-300 p-6 text-sm text-slate-500">Pick a file on the left or add one.</p>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={() => void grade()}
              disabled={submitting || inFlight}
              className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {submitting ? "Sending…" : inFlight ? "Grading…" : "Grade"}
            </button>
            <span className="text-xs text-slate-600 dark:text-slate-400">Ctrl/⌘+Enter grades · {savesToAccount ? "drafts save to your account" : "drafts save in this browser"}: {saveState}</span>
          </div>
          {problem && (
            <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
              {problem.text}{" "}
              {problem.signIn && (
                <Link href={signInHref as never} className="font-medium underline">
                  Sign in
                </Link>
              )}
            </p>
          )}
        </div>
      </div>

      {openId && (
        <LiveView
          progress={progress}
          previous={previousAttempt ? { label: "Previous attempt", sizeBytes: previousAttempt.imageSizeBytes } : null}
          reference={referenceImage}
          onGradeAgain={() => void grade()}
        />
      )}

      {opened && opened.id === openId && (
        <section aria-label="Files of this attempt" className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
          <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
            <h3 className="font-semibold">Files of this attempt</h3>
            {Object.keys(opened.files).sort().map((p) => (
              <button key={p} type="button" onClick={() => setOpenedFile(p)} aria-pressed={p === openedFile} className="rounded px-2 py-0.5 font-mono text-xs aria-pressed:bg-slate-200 dark:aria-pressed:bg-slate-700">
                {p}
              </button>
            ))}
            <button type="button" onClick={() => (setFiles(opened.files), setActive(firstPath(opened.files)))} className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600">
              Load into the editor
            </button>
          </div>
          <pre className="max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">{openedFile ? opened.files[openedFile] : ""}</pre>
        </section>
      )}

      {signedIn && (
        <section aria-labelledby="history-heading" className="flex flex-col gap-2">
          <h2 id="history-heading" className="text-lg font-semibold">
            Your attempts
          </h2>
          <AttemptHistory attempts={attempts} openId={openId} onOpen={(id) => void openAttempt(id)} />
          {failed >= solutionUnlocksAfter && !solution && (
            <button type="button" onClick={() => void showSolution()} className="self-start rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-600">
              Show the reference solution
            </button>
          )}
          {solution && (
            <div className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <h3 className="mb-2 font-semibold">Reference solution</h3>
              {Object.entries(solution).map(([p, text]) => (
                <details key={p} open={p === "Dockerfile"}>
                  <summary className="cursor-pointer font-mono text-sm">{p}</summary>
                  <pre className="max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">{text}</pre>
                </details>
              ))}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
