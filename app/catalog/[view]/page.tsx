import { notFound } from "next/navigation";
import { CourseCard } from "@/components/ui/course-card";
import { listCourses } from "@/server/lessons/courses";
import { publicContext } from "@/server/context";

// The catalog, served at "/" by a rewrite in next.config.ts. It is cached whole (ISR) under the catalog tag and
// revalidated when content changes. It sits behind a route parameter only so that `next build`, which never opens
// the database, does not prerender it: with no static params it is rendered on its first request instead.
const catalogView = "home";
export const revalidate = 3600;
export function generateStaticParams(): Awaited<PageProps<"/catalog/[view]">["params"]>[] {
  return [];
}

export default async function CatalogPage({ params }: PageProps<"/catalog/[view]">) {
  if ((await params).view !== catalogView) notFound();
  const courses = await listCourses(await publicContext());
  return (
    <>
      <section aria-labelledby="hero-title" className="mb-12 rounded-2xl bg-gradient-to-br from-brand-50 to-white px-6 py-12 sm:px-10 sm:py-16 dark:from-slate-900 dark:to-slate-950">
        <p className="text-sm font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-300">Learn by shipping</p>
        <h1 id="hero-title" className="mt-3 max-w-3xl text-3xl font-bold tracking-tight sm:text-5xl">
          Containerize backend services the way production needs them
        </h1>
        <p className="mt-5 max-w-2xl text-lg text-slate-700 dark:text-slate-300">
          Shipshape teaches engineers to package, run and ship services in containers. Read a lesson, try the
          worked examples on your machine, then submit your Dockerfile: it is built and run in a sandbox and
          graded live, check by check — non-root, health-checked, lean.
        </p>
      </section>

      <section aria-labelledby="courses-title">
        <h2 id="courses-title" className="mb-6 text-2xl font-bold tracking-tight">
          Courses
        </h2>
        {courses.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">No courses are published yet.</p>
        ) : (
          <div className="grid gap-6 md:grid-cols-2">
            {courses.map((course) => (
              <CourseCard key={course.slug} {...course} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}
