import type { Metadata, Route } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LessonProgressCard } from "@/components/progress/lesson-progress-card";
import { currentActor } from "@/server/auth/current-actor";
import { db } from "@/server/db";
import { progressOverview } from "@/server/progress/summary";

export const metadata: Metadata = { title: "My progress" };
export const dynamic = "force-dynamic";

export default async function MePage() {
  const me = await currentActor();
  if (!me) redirect("/signin?next=/me");
  const overview = await progressOverview({ db: await db(), actor: me }, me.id);
  const courses = [...new Map(overview.lessons.map((l) => [l.course.slug, l.course])).values()];
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-3xl font-bold tracking-tight">My progress</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">Signed in as {me.email}.</p>

      <section aria-labelledby="next-heading" className="mt-8 rounded-lg border border-brand-600/30 bg-brand-50 p-5 dark:bg-slate-900">
        <h2 id="next-heading" className="text-lg font-semibold">
          What to do next
        </h2>
        {overview.next ? (
          <p className="mt-2">
            In <em>{overview.next.lesson}</em>:{" "}
            <Link href={overview.next.href as Route} className="font-medium text-brand-700 underline dark:text-brand-300">
              {overview.next.label}
            </Link>
          </p>
        ) : (
          <p className="mt-2">You have finished everything published so far. New lessons will show up here.</p>
        )}
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
          {overview.totals.sectionsRead} sections read · {overview.totals.checklistDone} checklist items ticked · {overview.totals.attempts} quiz attempts ·{" "}
          {overview.totals.exercisesPassed} exercises passed
        </p>
      </section>

      {courses.map((course) => (
        <section key={course.slug} aria-labelledby={`course-${course.slug}`} className="mt-10">
          <h2 id={`course-${course.slug}`} className="text-xl font-semibold">
            {course.title}
          </h2>
          <ul className="mt-4 flex flex-col gap-3">
            {overview.lessons
              .filter((l) => l.course.slug === course.slug)
              .map((l) => (
                <LessonProgressCard key={l.lesson.slug} progress={l} />
              ))}
          </ul>
        </section>
      ))}
      <p className="mt-10 text-sm">
        <Link href="/settings" className="underline">
          Account settings, data export and deletion
        </Link>
      </p>
    </div>
  );
}
