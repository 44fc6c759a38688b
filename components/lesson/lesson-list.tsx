import Link from "next/link";
import { formatMinutes } from "@/components/ui/duration";
import { LessonStateBadge, type LessonStateName } from "./lesson-state-badge";

export interface LessonListItem {
  slug: string;
  title: string;
  summary: string;
  minutes: number;
  state: LessonStateName;
}

export function LessonList({ courseSlug, lessons }: { courseSlug: string; lessons: LessonListItem[] }) {
  return (
    <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
      {lessons.map((lesson, i) => (
        <li key={lesson.slug} className="flex gap-4 p-5">
          <span className="mt-0.5 w-6 flex-none text-right font-mono text-sm text-slate-600 dark:text-slate-400">{i + 1}.</span>
          <div className="min-w-0">
            <h3 className="text-lg font-semibold">
              <Link href={`/learn/${courseSlug}/${lesson.slug}`} className="text-brand-700 underline-offset-4 hover:underline dark:text-brand-300">
                {lesson.title}
              </Link>
            </h3>
            <p className="mt-1 text-slate-700 dark:text-slate-300">{lesson.summary}</p>
            <p className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
              <span>{formatMinutes(lesson.minutes)}</span>
              <LessonStateBadge state={lesson.state} />
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
