import type { Metadata } from "next";
import Link from "next/link";
import { CourseImportForm } from "@/components/admin/course-import-form";
import { NewCourseForm, NewExerciseForm, NewLessonForm } from "@/components/admin/create-forms";
import { currentContext } from "@/server/auth/current-actor";
import { listAuthoringCourses } from "@/server/authoring/courses";
import { orNotFound } from "@/server/http/page-data";

export const metadata: Metadata = { title: "Courses" };
export const dynamic = "force-dynamic";

const stateName = { DRAFT: "draft", OUTLINE: "outline", PUBLISHED: "published" } as const;

export default async function AdminCoursesPage() {
  const courses = await orNotFound(listAuthoringCourses(await currentContext()));
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold tracking-tight">Courses</h1>
      <ul className="mt-6 flex flex-col gap-4">
        {courses.map((course) => (
          <li key={course.slug} className="rounded-md border border-slate-200 p-4 dark:border-slate-800" data-testid={`course-${course.slug}`}>
            <div className="flex flex-wrap items-baseline gap-x-3">
              <h2 className="text-lg font-semibold">{course.title}</h2>
              <code className="text-sm">{course.slug}</code>
              <span className="text-sm">{stateName[course.state]}</span>
              {/* A plain link: the browser downloads the archive the route answers with. */}
              <a href={`/api/admin/courses/${encodeURIComponent(course.slug)}/export`} className="ml-auto text-sm underline">
                Export as .tar.gz
              </a>
            </div>
            {course.source === "BUILT_IN" ? (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                Built-in, read-only here: edit the files in <code>content/{course.slug}/</code> and sync.
              </p>
            ) : (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Authored here.</p>
            )}
            <ol className="mt-2 list-decimal pl-6 text-sm">
              {course.lessons.map((lesson) => (
                <li key={lesson.slug}>
                  <Link href={`/admin/courses/${course.slug}/lessons/${lesson.slug}`} className="underline">
                    {lesson.title ?? lesson.slug}
                  </Link>{" "}
                  <span className="text-slate-500">
                    · {stateName[lesson.state]} ·{" "}
                    <Link href={`/admin/courses/${course.slug}/lessons/${lesson.slug}/quiz`} className="underline">
                      {lesson.questions} questions
                    </Link>{" "}
                    · {lesson.exercises} exercises
                  </span>
                  {lesson.exerciseLinks.length > 0 && (
                    <ul className="ml-4 list-disc pl-4">
                      {lesson.exerciseLinks.map((exercise) => (
                        <li key={exercise.slug}>
                          <Link href={`/admin/exercises/${exercise.slug}`} className="underline">
                            {exercise.title}
                          </Link>{" "}
                          <span className="text-slate-500">· exercise {stateName[exercise.state]}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                  {course.source === "AUTHORED" && (
                    <div className="my-2" data-testid={`new-exercise-${lesson.slug}`}>
                      <NewExerciseForm course={course.slug} lesson={lesson.slug} />
                    </div>
                  )}
                </li>
              ))}
            </ol>
            {course.source === "AUTHORED" && (
              <div className="mt-3">
                <NewLessonForm course={course.slug} />
              </div>
            )}
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-course-heading" className="mt-10">
        <h2 id="new-course-heading" className="text-xl font-semibold">
          New course
        </h2>
        <div className="mt-3">
          <NewCourseForm />
        </div>
      </section>
      <section aria-labelledby="import-heading" className="mt-10">
        <h2 id="import-heading" className="text-xl font-semibold">
          Import a course
        </h2>
        <div className="mt-3">
          <CourseImportForm />
        </div>
      </section>
    </div>
  );
}
