import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LearningPath } from "@/components/lesson/learning-path";
import { LessonList } from "@/components/lesson/lesson-list";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { formatMinutes } from "@/components/ui/duration";
import { getCourse } from "@/server/lessons/courses";
import { publicContext } from "@/server/context";

// Cached whole (ISR) like the lesson pages, under its course's tag; see app/learn/[course]/[lesson]/page.tsx.
export const revalidate = 3600;
export function generateStaticParams(): Awaited<PageProps<"/learn/[course]">["params"]>[] {
  return [];
}

export async function generateMetadata({ params }: PageProps<"/learn/[course]">): Promise<Metadata> {
  const course = await getCourse(await publicContext(), (await params).course);
  return course ? { title: course.title, description: course.summary } : { title: "Course not found" };
}

export default async function CoursePage({ params }: PageProps<"/learn/[course]">) {
  const course = await getCourse(await publicContext(), (await params).course);
  if (!course) notFound();
  const minutes = course.lessons.reduce((sum, l) => sum + l.minutes, 0);
  return (
    <>
      <Breadcrumbs crumbs={[{ label: "Courses", href: "/" }, { label: course.title }]} />
      <header className="max-w-3xl">
        <p className="text-sm font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-300">Course</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight sm:text-4xl">{course.title}</h1>
        <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">{course.summary}</p>
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
          {course.lessons.length} lessons · {formatMinutes(minutes)}
        </p>
      </header>

      <section aria-labelledby="path-title" className="mt-12">
        <h2 id="path-title" className="mb-6 text-2xl font-bold tracking-tight">
          Learning path
        </h2>
        <LearningPath courseSlug={course.slug} steps={course.learningPath} />
      </section>

      <section aria-labelledby="lessons-title" className="mt-12">
        <h2 id="lessons-title" className="mb-6 text-2xl font-bold tracking-tight">
          Lessons
        </h2>
        <LessonList courseSlug={course.slug} lessons={course.lessons} />
      </section>
    </>
  );
}
