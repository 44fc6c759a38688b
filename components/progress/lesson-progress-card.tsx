import Link from "next/link";
import type { Route } from "next";
import type { LessonProgress } from "@/lib/progress/lesson-progress";
import { ProgressRing } from "./progress-ring";


function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-medium">{value}</dd>
    </div>
  );
}

export function LessonProgressCard({ progress }: { progress: LessonProgress }) {
  const { lesson, course, sections, checklist, quiz, exercises } = progress;
  return (
    <li className="flex gap-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-lesson={lesson.slug}>
      <ProgressRing value={progress.completion} label={lesson.title} />
      <div className="min-w-0 flex-1">
        <h3 className="font-semibold">
          <Link href={`/learn/${course.slug}/${lesson.slug}` as Route} className="hover:underline">
            {lesson.title}
          </Link>
          {lesson.state === "outline" && <span className="ml-2 text-xs font-normal text-slate-500">outline</span>}
        </h3>
        <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <Stat label="Sections read" value={`${sections.read} of ${sections.total}`} />
          <Stat label="Checklist" value={checklist.total ? `${checklist.done} of ${checklist.total}` : "—"} />
          <Stat label="Best quiz score" value={quiz.questions ? (quiz.best === null ? "not taken" : `${Math.round(quiz.best * 100)}%`) : "—"} />
          <Stat label="Exercises passed" value={exercises.total ? `${exercises.passed} of ${exercises.total}` : "—"} />
        </dl>
        {progress.next && (
          <p className="mt-3 text-sm">
            Next:{" "}
            <Link href={progress.next.href as Route} className="font-medium text-brand-700 underline dark:text-brand-300">
              {progress.next.label}
            </Link>
          </p>
        )}
      </div>
    </li>
  );
}
