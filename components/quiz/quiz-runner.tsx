"use client";
// The quick test: answer, check for instant feedback with the explanation, see the score, retry with the
// options reshuffled. A signed-in learner's finished attempt goes to their account; a visitor's stays in this
// browser until they sign up or in (then it is merged). The page is the same for everyone (cached whole), so who is
// reading, and their best score so far, arrive once the page has loaded.
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import type { QuizQuestion } from "@/lib/content/quiz-schema";
import type { Answer, Answers } from "@/lib/quiz/answer";
import { presentQuiz } from "@/lib/quiz/presentation";
import { isCorrect, scoreQuiz } from "@/lib/quiz/score";
import { hashSeed } from "@/lib/quiz/shuffle";
import { clientSession } from "@/components/account/client-session";
import { addAttempt, readAttempts } from "@/components/progress/browser-progress";
import { ChoiceQuestion } from "./choice-question";
import { InlineCode } from "./inline-code";
import { OrderQuestion } from "./order-question";
import { webApi } from "@/lib/api/web-api";

export interface QuizRunnerProps {
  course: string;
  lesson: string;
  questions: QuizQuestion[];
  /** An author's preview: nothing is saved and no best score is read. */
  preview?: boolean;
}

type SaveState = "idle" | "saving" | "saved-account" | "saved-browser" | "failed" | "preview";

function selectedOf(answer: Answer | undefined): string[] {
  if (answer?.kind === "single") return [answer.choice];
  if (answer?.kind === "multiple") return answer.choices;
  if (answer?.kind === "spot-the-line") return [String(answer.line)];
  return [];
}

function answerReady(question: QuizQuestion, answer: Answer | undefined): boolean {
  if (question.kind === "order") return true;
  return selectedOf(answer).length > 0;
}

const bestOf = (attempts: readonly { correct: number; total: number }[]) => (attempts.length ? Math.max(...attempts.map((a) => (a.total ? a.correct / a.total : 0))) : null);

export function QuizRunner({ course, lesson, questions, preview = false }: QuizRunnerProps) {
  const lessonKey = `${course}/${lesson}`;
  // The first seed is fixed so the server render and the browser agree; a retry draws a fresh one.
  const [seed, setSeed] = useState(() => hashSeed(lessonKey));
  const presentation = useMemo(() => presentQuiz(questions, seed), [questions, seed]);
  const [answers, setAnswers] = useState<Answers>({});
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [save, setSave] = useState<SaveState>("idle");
  const [best, setBest] = useState<number | null>(null);
  const clientId = useRef<string | null>(null);
  const scoreRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (preview) return;
    let shown = true;
    void clientSession().then(async (session) => {
      const saved = session ? (await webApi.quizBest(course, lesson).catch(() => null))?.best : bestOf(readAttempts(lessonKey));
      if (shown && saved != null) setBest((current) => Math.max(current ?? 0, saved));
    });
    return () => {
      shown = false;
    };
  }, [course, lesson, lessonKey, preview]);

  const finished = checked.size === questions.length && questions.length > 0;
  const result = useMemo(() => scoreQuiz(questions, answers), [questions, answers]);

  function answerFor(question: QuizQuestion): Answer | undefined {
    const given = answers[question.id];
    if (given || question.kind !== "order") return given;
    return { kind: "order", order: presentation.order[question.id] ?? [] };
  }

  function setAnswer(id: string, answer: Answer) {
    setAnswers((current) => ({ ...current, [id]: answer }));
  }

  /** Where a finished attempt goes: nowhere in a preview, to the account when signed in, to this browser otherwise. */
  async function keep(finalAnswers: Answers, attemptId: string): Promise<SaveState> {
    if (preview) return "preview";
    if (await clientSession()) {
      const saved = await webApi.saveQuizAttempt({ clientId: attemptId, course, lesson, answers: finalAnswers }).catch(() => null);
      if (!saved) return "failed";
      setBest((current) => Math.max(current ?? 0, saved.score));
      return "saved-account";
    }
    const score = scoreQuiz(questions, finalAnswers);
    addAttempt(lessonKey, { clientId: attemptId, answers: finalAnswers, correct: score.correct, total: score.total });
    setBest((current) => Math.max(current ?? 0, score.score));
    return "saved-browser";
  }

  async function finish(finalAnswers: Answers) {
    clientId.current ??= crypto.randomUUID();
    setSave("saving");
    setSave(await keep(finalAnswers, clientId.current));
    scoreRef.current?.focus();
  }

  function check(question: QuizQuestion) {
    const answer = answerFor(question);
    if (!answer) return;
    const nextAnswers = { ...answers, [question.id]: answer };
    setAnswers(nextAnswers);
    const nextChecked = new Set(checked).add(question.id);
    setChecked(nextChecked);
    if (nextChecked.size === questions.length) void finish(nextAnswers);
  }

  function retry() {
    setSeed(Math.floor(Math.random() * 2 ** 32));
    setAnswers({});
    setChecked(new Set());
    setSave("idle");
    clientId.current = null;
    window.scrollTo({ top: 0 });
  }

  return (
    <div>
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="quiz-progress">
        {checked.size} of {questions.length} answered{best !== null && ` · your best so far: ${Math.round(best * 100)}%`}
      </p>
      <ol className="mt-6 flex flex-col gap-8">
        {questions.map((question, index) => {
          const answer = answerFor(question);
          const done = checked.has(question.id);
          const right = done && isCorrect(question, answers[question.id]);
          const name = `q-${question.id}`;
          return (
            <li key={`${seed}-${question.id}`} data-question={question.id}>
              <fieldset className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
                <legend className="px-1 font-semibold">
                  Question {index + 1} of {questions.length}
                </legend>
                <p className="mt-1">
                  <InlineCode text={question.prompt} />
                </p>
                {question.kind === "multiple" && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Choose all that apply.</p>}
                {question.kind === "order" && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Put the steps in order with the Up and Down buttons.</p>}
                {question.kind === "spot-the-line" && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Pick the line at fault.</p>}

                {(question.kind === "single" || question.kind === "multiple") && (
                  <ChoiceQuestion
                    name={name}
                    multiple={question.kind === "multiple"}
                    choices={(presentation.order[question.id] ?? []).map((id) => ({ id, label: <InlineCode text={question.options.find((o) => o.id === id)?.text ?? id} /> }))}
                    selected={selectedOf(answer)}
                    onChange={(selected) =>
                      setAnswer(question.id, question.kind === "multiple" ? { kind: "multiple", choices: selected } : { kind: "single", choice: selected[0] ?? "" })
                    }
                    reveal={done ? new Set(question.kind === "multiple" ? question.answers : [question.answer]) : null}
                  />
                )}
                {question.kind === "spot-the-line" && (
                  <ChoiceQuestion
                    name={name}
                    multiple={false}
                    mono
                    choices={question.lines.map((line, i) => ({ id: String(i + 1), label: `${String(i + 1).padStart(2, " ")}  ${line}` }))}
                    selected={selectedOf(answer)}
                    onChange={(selected) => setAnswer(question.id, { kind: "spot-the-line", line: Number(selected[0]) })}
                    reveal={done ? new Set([String(question.answer)]) : null}
                  />
                )}
                {question.kind === "order" && answer?.kind === "order" && (
                  <OrderQuestion
                    name={name}
                    steps={question.steps}
                    order={answer.order}
                    onChange={(order) => setAnswer(question.id, { kind: "order", order })}
                    reveal={done ? question.steps.map((s) => s.id) : null}
                  />
                )}

                {done ? (
                  <div role="status" className={`mt-4 rounded-md px-3 py-2 ${right ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" : "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100"}`}>
                    <p className="font-semibold">{right ? "Correct." : "Not quite."}</p>
                    <p className="mt-1 text-sm">
                      <InlineCode text={question.explanation} />
                    </p>
                  </div>
                ) : (
                  <button
                    type="button"
                    onClick={() => check(question)}
                    disabled={!answerReady(question, answer)}
                    className="mt-4 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
                  >
                    Check answer
                  </button>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>

      {finished && (
        <div ref={scoreRef} tabIndex={-1} aria-live="polite" className="mt-10 rounded-lg border border-brand-600/40 p-6" data-testid="quiz-score">
          <h2 className="text-2xl font-bold">
            Your score: {result.correct} of {result.total} ({Math.round(result.score * 100)}%)
          </h2>
          <p className="mt-2 text-sm" data-testid="quiz-saved">
            {save === "preview" && "A preview: nothing was saved."}
            {save === "saving" && "Saving…"}
            {save === "saved-account" && "Saved to your account."}
            {save === "failed" && "We could not save this attempt. Check your connection and retry the test."}
            {save === "saved-browser" && (
              <>
                Kept in this browser.{" "}
                <Link href={{ pathname: "/signup", query: { next: "/me" } }} className="font-medium underline">
                  Create a free account
                </Link>{" "}
                to keep it for good — it comes with you when you sign up.
              </>
            )}
          </p>
          <button type="button" onClick={retry} className="mt-4 rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900">
            Retry with shuffled options
          </button>
        </div>
      )}
    </div>
  );
}
