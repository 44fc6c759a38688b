"use client";
// The quiz editor: quiz.yaml as content/ writes it (every kind, each with its explanation), checked with the quiz
// schema as you type (field and line), and previewed by the quiz learners take, answerable here. Saving makes a draft
// revision; learners get it when it is published from the revision history.
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { CodeEditor } from "@/components/exercise/code-editor";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import type { ArchiveIssue } from "@/lib/api/answers";
import { ApiError, webApi } from "@/lib/api/web-api";
import { quizSchema, type QuizQuestion } from "@/lib/content";
import { readYamlText } from "@/lib/content/yaml-lines";

type Checked = { questions: QuizQuestion[]; problems: [] } | { questions: null; problems: { line?: number; text: string }[] };

/** The schema's verdict on the text, with the line of each field at fault. */
function check(text: string): Checked {
  const { data, syntaxErrors, lineOf } = readYamlText(text);
  if (syntaxErrors.length) return { questions: null, problems: syntaxErrors.map((e) => ({ line: e.line, text: e.message })) };
  const parsed = quizSchema.safeParse(data);
  if (parsed.success) return { questions: parsed.data.questions, problems: [] };
  return { questions: null, problems: parsed.error.issues.map((issue) => ({ line: lineOf(issue.path), text: `${issue.path.join(".") || "(file)"}: ${issue.message}` })) };
}

export function QuizEditor({ course, lesson, yaml, editable }: { course: string; lesson: string; yaml: string; editable: boolean }) {
  const router = useRouter();
  const [text, setText] = useState(yaml);
  const checked = useMemo(() => check(text), [text]);
  const [note, setNote] = useState<{ ok: boolean; text: string; issues?: ArchiveIssue[] } | null>(null);
  const [pending, startTransition] = useTransition();
  const save = () =>
    startTransition(async () => {
      try {
        const saved = await webApi.saveQuiz(course, lesson, text);
        setNote({ ok: true, text: `Saved ${saved.questions} questions as draft revision #${saved.number}: publish it for learners` });
        router.refresh();
      } catch (error) {
        const issues = error instanceof ApiError && Array.isArray(error.details?.issues) ? (error.details.issues as ArchiveIssue[]) : undefined;
        setNote({ ok: false, text: error instanceof Error ? error.message : String(error), issues });
      }
    });
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-label="Quiz editor" className="flex flex-col gap-3">
        <div className="min-h-96 rounded-md border border-slate-300 dark:border-slate-700" data-testid="quiz-yaml-editor">
          <CodeEditor path="quiz.yaml" value={text} onChange={setText} onSubmit={save} readOnly={!editable} />
        </div>
        {checked.problems.length > 0 && (
          <ul role="alert" aria-label="Quiz problems" className="list-disc pl-5 text-sm text-red-700 dark:text-red-400">
            {checked.problems.map((p, i) => (
              <li key={i}>
                {p.line ? `line ${p.line}: ` : ""}
                {p.text}
              </li>
            ))}
          </ul>
        )}
        {editable && (
          <button type="button" onClick={save} disabled={pending || checked.questions === null} className="w-fit rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium disabled:opacity-50 dark:border-slate-700">
            Save draft
          </button>
        )}
        {note && (
          <div role={note.ok ? "status" : "alert"} className={note.ok ? "text-sm" : "text-sm text-red-700 dark:text-red-400"}>
            {note.text}
            {note.issues?.map((issue, i) => (
              <div key={i}>
                {issue.line ? `line ${issue.line}: ` : ""}
                {issue.field} {issue.message}
              </div>
            ))}
          </div>
        )}
      </section>
      <section aria-label="Quiz preview" className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
        {checked.questions?.length ? <QuizRunner key={text} course={course} lesson={lesson} questions={checked.questions} preview /> : <p className="text-sm">No valid questions to preview.</p>}
      </section>
    </div>
  );
}
