import Link from "next/link";

export interface PagerLesson {
  slug: string;
  title: string;
}

export function LessonPager({ courseSlug, previous, next }: { courseSlug: string; previous: PagerLesson | null; next: PagerLesson | null }) {
  if (!previous && !next) return null;
  const cell = "flex flex-col rounded-lg border border-slate-200 px-4 py-3 hover:border-brand-500 dark:border-slate-700 dark:hover:border-brand-300";
  return (
    <nav aria-label="Previous and next lesson" className="mt-12 grid gap-3 border-t border-slate-200 pt-8 sm:grid-cols-2 dark:border-slate-800">
      {previous ? (
        <Link href={`/learn/${courseSlug}/${previous.slug}`} rel="prev" className={cell}>
          <span className="text-sm text-slate-600 dark:text-slate-400">← Previous lesson</span>
          <span className="font-semibold text-brand-700 dark:text-brand-300">{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link href={`/learn/${courseSlug}/${next.slug}`} rel="next" className={`${cell} sm:text-right`}>
          <span className="text-sm text-slate-600 dark:text-slate-400">Next lesson →</span>
          <span className="font-semibold text-brand-700 dark:text-brand-300">{next.title}</span>
        </Link>
      )}
    </nav>
  );
}
