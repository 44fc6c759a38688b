// The exercise as learners see it — header, task, checklist, grading environment and the workspace — shared by the
// learners' page and an author's "preview as a learner" of a revision, so the preview cannot drift from what
// learners get.
import type { ReactNode } from "react";
import Link from "next/link";
import type { GradingEnvironment } from "@/lib/grading/grading-environment";
import { LessonBody } from "@/components/lesson/lesson-body";
import { ExerciseWorkspace, type ExerciseWorkspaceProps } from "./exercise-workspace";
import { GradingEnvironmentNote } from "./grading-environment-note";

/** What both pages load of the exercise (server/grading/exercise-page.ts, server/authoring/exercise-preview.ts). */
export interface ShownExercise {
  slug: string;
  title: string;
  spec: { summary: string; checklist: readonly string[] };
  /** The task as HTML from server/markdown, never anything a request supplied. */
  task: string;
  starter: Record<string, string>;
  lessonTitle: string;
  lessonHref: string;
  attempts: ExerciseWorkspaceProps["attempts"];
  solutionUnlocksAfter: number;
  environment: GradingEnvironment;
}

export interface ExerciseViewProps {
  exercise: ShownExercise;
  /** Where this page is: the task's checklist ticks are kept under it, and sign-in comes back to it. */
  here: string;
  /** What differs between a learner and an author's preview. */
  workspace: Pick<ExerciseWorkspaceProps, "draft" | "signedIn" | "reference" | "preview">;
  /** Shown above the title (the author's preview banner). */
  notice?: ReactNode;
}

export function ExerciseView({ exercise, here, workspace, notice }: ExerciseViewProps) {
  const { title, spec, task, lessonTitle, lessonHref, environment } = exercise;
  return (
    <article className="flex flex-col gap-6">
      {notice}
      <header>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <Link href={lessonHref as never} className="underline">
            {lessonTitle}
          </Link>{" "}
          · Exercise
        </p>
        <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">{spec.summary}</p>
      </header>
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="task-heading" className="flex flex-col gap-3">
          <h2 id="task-heading" className="text-lg font-semibold">
            Your task
          </h2>
          <LessonBody html={task} lessonKey={here} id="exercise-task" />
          <h3 className="font-semibold">Checklist</h3>
          <ul className="list-disc pl-5">
            {spec.checklist.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
        <GradingEnvironmentNote {...environment} />
      </div>
      <ExerciseWorkspace
        {...workspace}
        slug={exercise.slug}
        starter={exercise.starter}
        signInHref={`/signin?next=${encodeURIComponent(here)}`}
        attempts={exercise.attempts}
        solutionUnlocksAfter={exercise.solutionUnlocksAfter}
        uploadLimits={environment.uploadLimits}
      />
    </article>
  );
}
