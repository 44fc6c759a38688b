import type { Metadata, Route } from "next";
import { notFound } from "next/navigation";
import { LessonBody } from "@/components/lesson/lesson-body";
import { LessonPager } from "@/components/lesson/lesson-pager";
import { LessonStateBadge } from "@/components/lesson/lesson-state-badge";
import { Objectives } from "@/components/lesson/objectives";
import { OutlinePlan } from "@/components/lesson/outline-plan";
import { SectionReadTracker } from "@/components/progress/section-read-tracker";
import { PracticeLinks } from "@/components/lesson/practice-links";
import { TableOfContents, type TocLink } from "@/components/lesson/table-of-contents";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { formatMinutes } from "@/components/ui/duration";
import { getLesson } from "@/server/lessons/courses";
import { publicContext } from "@/server/context";

// Cached whole (ISR): rendered on a lesson's first request, then served from the cache until content changes
// revalidate its course's tag (server/content/reading-tags.ts). The build never opens the database, so nothing is
// prerendered at build time. Nothing here is per person: the header, read marks and ticks load in the browser.
export const revalidate = 3600;
export function generateStaticParams(): Awaited<Props["params"]>[] {
  return [];
}

type Props = PageProps<"/learn/[course]/[lesson]">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { course, lesson: slug } = await params;
  const lesson = await getLesson(await publicContext(), course, slug);
  return lesson ? { title: `${lesson.title} · ${lesson.course.title}`, description: lesson.summary } : { title: "Lesson not found" };
}

export default async function LessonPage({ params }: Props) {
  const { course, lesson: slug } = await params;
  const lesson = await getLesson(await publicContext(), course, slug);
  if (!lesson) notFound();
  const { toc } = lesson;
  const lessonKey = `${lesson.course.slug}/${lesson.slug}`;
  const outline = lesson.state === "outline";
  const contents: TocLink[] = outline ? [] : [{ id: "objectives", text: "What you will be able to do", depth: 2 }, ...toc];

  return (
    <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_15rem] lg:gap-12">
      <article className="min-w-0 max-w-3xl">
        <Breadcrumbs
          crumbs={[
            { label: "Courses", href: "/" },
            { label: lesson.course.title, href: `/learn/${lesson.course.slug}` as Route },
            { label: lesson.title },
          ]}
        />
        <header className="mb-8">
          <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{lesson.title}</h1>
          <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">{lesson.summary}</p>
          <p className="mt-4 flex flex-wrap items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
            <span>{formatMinutes(lesson.minutes)} of reading and practice</span>
            <LessonStateBadge state={lesson.state} />
          </p>
        </header>

        {contents.length > 0 && <TableOfContents entries={contents} variant="compact" />}
        <Objectives objectives={lesson.objectives} />
        {outline && lesson.outline && <OutlinePlan sections={lesson.outline} />}
        <div className="mt-10">
          <LessonBody html={lesson.html} lessonKey={lessonKey} id="lesson-body" />
        </div>
        <SectionReadTracker lessonKey={lessonKey} containerId="lesson-body" />
        <PracticeLinks courseSlug={lesson.course.slug} lessonSlug={lesson.slug} hasQuiz={lesson.hasQuiz} exercises={lesson.exercises} />
        <LessonPager courseSlug={lesson.course.slug} previous={lesson.previous} next={lesson.next} />
      </article>
      {contents.length > 0 && (
        <aside aria-label="Lesson contents" className="hidden lg:block">
          <TableOfContents entries={contents} variant="sidebar" />
        </aside>
      )}
    </div>
  );
}
