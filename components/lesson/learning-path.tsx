import Link from "next/link";
import { LessonStateBadge, type LessonStateName } from "./lesson-state-badge";

export interface LearningPathStep {
  stage: string;
  title: string;
  lesson: { slug: string; state: LessonStateName } | null;
}

/** The course's stages as a numbered stepper: a vertical line on phones, a row of steps on wide screens. */
export function LearningPath({ courseSlug, steps }: { courseSlug: string; steps: LearningPathStep[] }) {
  return (
    <ol className="grid gap-0 md:grid-cols-4 md:gap-4">
      {steps.map((step, i) => (
        <li key={`${step.stage}-${step.title}`} className="relative flex gap-4 pb-6 md:flex-col md:gap-3 md:pb-0">
          {i < steps.length - 1 && (
            <span aria-hidden="true" className="absolute left-[1.1rem] top-10 h-[calc(100%-2.5rem)] w-0.5 bg-slate-200 md:left-12 md:top-[1.1rem] md:h-0.5 md:w-[calc(100%-2rem)] dark:bg-slate-800" />
          )}
          <span className="relative z-10 flex h-9 w-9 flex-none items-center justify-center rounded-full bg-brand-600 text-sm font-bold text-white">
            {i + 1}
          </span>
          <div>
            <p className="text-xs font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-300">{step.stage}</p>
            <p className="mt-1 font-medium leading-snug">
              {step.lesson ? (
                <Link href={`/learn/${courseSlug}/${step.lesson.slug}`} className="underline decoration-slate-300 underline-offset-4 hover:decoration-brand-600 dark:decoration-slate-600">
                  {step.title}
                </Link>
              ) : (
                step.title
              )}
            </p>
            {step.lesson && (
              <div className="mt-2">
                <LessonStateBadge state={step.lesson.state} />
              </div>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
