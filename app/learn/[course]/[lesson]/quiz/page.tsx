import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { currentActor } from "@/server/auth/current-actor";
import { db } from "@/server/db";
import { isAppError } from "@/server/errors";
import { myBestScore } from "@/server/quiz/attempts";
import { loadQuiz, type LessonQuiz } from "@/server/quiz/questions";

export const dynamic = "force-dynamic";

type Props = PageProps<"/learn/[course]/[lesson]/quiz">;

async function quizOrNotFound(course: string, lesson: string): Promise<LessonQuiz> {
  try {
    return await loadQuiz(await db(), { course, lesson });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { course, lesson } = await params;
  const quiz = await quizOrNotFound(course, lesson);
  return { title: `Quick test · ${quiz.lesson.title}` };
}

export default async function QuizPage({ params }: Props) {
  const { course, lesson } = await params;
  const quiz = await quizOrNotFound(course, lesson);
  const actor = await currentActor();
  const accountBest = actor ? await myBestScore(await db(), actor, quiz.lessonId) : null;
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
        {!actor && " You can take it without an account; your score stays in this browser until you sign up."}
      </p>
      {quiz.questions.length === 0 ? (
        <p className="mt-8">This lesson has no quick test yet.</p>
      ) : (
        <div className="mt-8">
          <QuizRunner course={quiz.course.slug} lesson={quiz.lesson.slug} questions={quiz.questions} signedIn={actor !== null} accountBest={accountBest} />
        </div>
      )}
    </div>
  );
}
