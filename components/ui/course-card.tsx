import Link from "next/link";
import type { CourseCard as CourseCardData } from "@/lib/catalog/course-card";
import { formatMinutes } from "./duration";

export function CourseCard({ slug, title, summary, lessonCount, publishedCount, minutes }: CourseCardData) {
  const outlines = lessonCount - publishedCount;
  return (
    <article className="relative flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm transition hover:border-brand-500 hover:shadow-md dark:border-slate-800 dark:bg-slate-900 dark:hover:border-brand-300">
      <h3 className="text-xl font-semibold tracking-tight">
        <Link href={`/learn/${slug}`} className="after:absolute after:inset-0 after:rounded-xl">
          {title}
        </Link>
      </h3>
      <p className="mt-3 flex-1 text-slate-700 dark:text-slate-300">{summary}</p>
      <dl className="mt-5 flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-700 dark:text-slate-300">
        <div className="flex gap-1.5">
          <dt className="sr-only">Lessons</dt>
          <dd>
            <span className="font-semibold text-slate-900 dark:text-white">{lessonCount}</span> {lessonCount === 1 ? "lesson" : "lessons"}
            {outlines > 0 && ` (${publishedCount} ready, ${outlines} in outline)`}
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="sr-only">Time</dt>
          <dd>
            <span className="font-semibold text-slate-900 dark:text-white">{formatMinutes(minutes)}</span> of reading and practice
          </dd>
        </div>
      </dl>
    </article>
  );
}
