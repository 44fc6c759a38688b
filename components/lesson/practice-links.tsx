import Link from "next/link";
import type { Route } from "next";

export interface PracticeLinksProps {
  courseSlug: string;
  lessonSlug: string;
  hasQuiz: boolean;
  exercises: { slug: string; title: string }[];
}

/** The quick test and the graded exercises of a lesson, where it has them. */
export function PracticeLinks({ courseSlug, lessonSlug, hasQuiz, exercises }: PracticeLinksProps) {
  if (!hasQuiz && exercises.length === 0) return null;
  const base = `/learn/${courseSlug}/${lessonSlug}`;
  const linkClass =
    "block rounded-lg border border-slate-200 bg-white px-4 py-3 font-medium text-brand-700 hover:border-brand-500 dark:border-slate-700 dark:bg-slate-900 dark:text-brand-300 dark:hover:border-brand-300";
  return (
    <section aria-labelledby="practice" className="mt-14 rounded-xl bg-slate-50 p-5 sm:p-6 dark:bg-slate-900/60">
      <h2 id="practice" className="text-xl font-bold tracking-tight">
        Practise what you read
      </h2>
      <ul className="mt-4 grid gap-3 sm:grid-cols-2">
        {hasQuiz && (
          <li>
            {/* Route casts: these pages are added by the quiz and exercise features. */}
            <Link href={`${base}/quiz` as Route} className={linkClass}>
              Quick test
              <span className="block text-sm font-normal text-slate-600 dark:text-slate-400">Check the key ideas in a few minutes</span>
            </Link>
          </li>
        )}
        {exercises.map((exercise) => (
          <li key={exercise.slug}>
            <Link href={`${base}/exercises/${exercise.slug}` as Route} className={linkClass}>
              {exercise.title}
              <span className="block text-sm font-normal text-slate-600 dark:text-slate-400">Graded live in a sandbox</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
