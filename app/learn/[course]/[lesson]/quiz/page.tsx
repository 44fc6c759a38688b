import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { publicContext } from "@/server/context";
import { getQuiz } from "@/server/quiz/questions";

// Cached whole like the lesson page (ISR, revalidated by its course's tag when a quiz is published or synced). Nothing
// here is per person: whether the reader is signed in, and their best score, load in the browser.
export const revalidate = 3600;
export function generateStaticParams(): Awaited<Props["params"]>[] {
  return [];
}

type Props = PageProps<"/learn/[course]/[lesson]/quiz">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { course, lesson } = await params;
  const quiz = await getQuiz(await publicContext(), course, lesson);
  return { title: quiz ? `Quick test · ${quiz.lesson.title}` : "Lesson not found" };
}

export default async function QuizPage({ params }: Props) {
  const { course, lesson } = await params;
  const quiz = await getQuiz(await publicContext(), course, lesson);
  if (!quiz) notFound();
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
        No account needed: signed in, your score goes to your account; otherwise it stays in this browser until you sign up.
      </p>
      {quiz.questions.length === 0 ? (
        <p className="mt-8">This lesson has no quick test yet.</p>
      ) : (
        <div className="mt-8">
          <QuizRunner course={quiz.course.slug} lesson={quiz.lesson.slug} questions={quiz.questions} />
        </div>
      )}
    </div>
  );
}
