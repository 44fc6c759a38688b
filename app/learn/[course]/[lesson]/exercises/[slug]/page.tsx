import type { Metadata } from "next";
import Link from "next/link";
import { ExerciseWorkspace } from "@/components/exercise/exercise-workspace";
import { GradingEnvironmentNote } from "@/components/exercise/grading-environment-note";
import { LessonBody } from "@/components/lesson/lesson-body";
import { currentContext } from "@/server/auth/current-actor";
import { exercisePageData, type ExercisePageData } from "@/server/grading/exercise-page";
import { orNotFound } from "@/server/http/page-data";

export const dynamic = "force-dynamic";

type Props = PageProps<"/learn/[course]/[lesson]/exercises/[slug]">;

async function load(params: Props["params"]): Promise<{ data: ExercisePageData; signedIn: boolean }> {
  const { course, lesson, slug } = await params;
  const ctx = await currentContext();
  return { data: await orNotFound(exercisePageData(ctx, course, lesson, slug)), signedIn: ctx.actor !== null };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { data } = await load(params);
  return { title: data.title };
}

export default async function ExercisePage({ params }: Props) {
  const { data, signedIn } = await load(params);
  const { spec } = data;
  const here = `${data.lessonHref}/exercises/${data.slug}`;
  return (
    <article className="flex flex-col gap-6">
      <header>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <Link href={data.lessonHref as never} className="underline">
            {data.lessonTitle}
          </Link>{" "}
          · Exercise
        </p>
        <h1 className="text-3xl font-bold tracking-tight">{data.title}</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">{spec.summary}</p>
      </header>
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="task-heading" className="flex flex-col gap-3">
          <h2 id="task-heading" className="text-lg font-semibold">
            Your task
          </h2>
          <LessonBody html={data.task} lessonKey={here} id="exercise-task" />
          <h3 className="font-semibold">Checklist</h3>
          <ul className="list-disc pl-5">
            {spec.checklist.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
        <GradingEnvironmentNote {...data.environment} />
      </div>
      <ExerciseWorkspace
        slug={data.slug}
        starter={data.starter}
        draft={data.draft}
        signedIn={signedIn}
        signInHref={`/signin?next=${encodeURIComponent(here)}`}
        attempts={data.attempts}
        solutionUnlocksAfter={data.solutionUnlocksAfter}
        reference={data.reference ? { label: data.reference.label, sizeBytes: data.reference.sizeBytes } : null}
        uploadLimits={data.environment.uploadLimits}
      />
    </article>
  );
}
