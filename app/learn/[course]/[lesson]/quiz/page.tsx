import type { Metadata, Route } from "next";
import Link from "next/link";
import { cache } from "react";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { currentContext } from "@/server/auth/current-actor";
import { db } from "@/server/db";
import { orNotFound } from "@/server/http/page-data";
import { myBestScore } from "@/server/quiz/attempts";
import { loadQuiz, type LessonQuiz } from "@/server/quiz/questions";

export const dynamic = "force-dynamic";

type Props = PageProps<"/learn/[course]/[lesson]/quiz">;

// The metadata and the page ask for the same quiz: read once per request.
const quizOrNotFound = cache(async (course: string, lesson: string): Promise<LessonQuiz> => orNotFound(loadQuiz({ db: await db() }, { course, lesson })));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { course, lesson } = await params;
  const quiz = await quizOrNotFound(course, lesson);
  return { title: `Quick test · ${quiz.lesson.title}` };
}

export default async function QuizPage({ params }: Props) {
  const { course, lesson } = await params;
  const quiz = await quizOrNotFound(course, lesson);
  const ctx = await currentContext();
  const accountBest = ctx.actor ? await myBestScore(ctx, quiz.lessonId) : null;
  const lessonHref = `/learn/${quiz.course.slug}/${quiz.lesson.slug}` as Route;
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link href={lessonHref} className="underline">
          ← {quiz.lesson.title}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Quick test: {quiz.lesson.title}</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        {quiz.questions.length} questions on the lesson&apos;s key terms, common mistakes and commands. Check each answer to see why it is right or wrong.
        {!ctx.actor && " You can take it without an account; your score stays in this browser until you sign up."}
      </p>
      {quiz.questions.length === 0 ? (
        <p className="mt-8">This lesson has no quick test yet.</p>
      ) : (
        <div className="mt-8">
          <QuizRunner course={quiz.course.slug} lesson={quiz.lesson.slug} questions={quiz.questions} signedIn={ctx.actor !== null} accountBest={accountBest} />
        </div>
      )}
    </div>
  );
}
