import "server-only";
// What anyone may read: courses and their published and outline lessons (drafts stay private to authors). Every
// function selects only the fields its page shows and returns plain objects; JSON columns are parsed with the
// content schemas on the way out, so a malformed row fails here with the lesson it belongs to.
//
// The reading pages are cached whole (ISR) and regenerated only when content changes: every function here caches
// its result under the tags of server/content/reading-tags.ts, which the pages take on, and which a content change
// revalidates. A lesson's body arrives rendered (stored once per revision, server/markdown/stored-renderings.ts).
import { unstable_cache } from "next/cache";
import { cache } from "react";
import { z } from "zod";
import { courseSchema, keyTermSchema, outlineSectionSchema, type KeyTerm } from "@/lib/content";
import { publishedExercises, readableLessons, shownCourses } from "@/server/authz";
import type { DbContext } from "@/server/context";
import { catalogTag, courseTag } from "@/server/content/reading-tags";
import { storedRendering } from "@/server/markdown/stored-renderings";
import type { TocEntry } from "@/server/markdown/types";
import type { CourseCard } from "@/lib/catalog/course-card";

export type LessonState = "published" | "outline";

// Cached for everyone, so read as a visitor would (server/authz decides what that is).
const visibleLesson = readableLessons(null);

const lessonStateOf = { PUBLISHED: "published", OUTLINE: "outline", DRAFT: null } as const;

function publicState(state: keyof typeof lessonStateOf): LessonState {
  const mapped = lessonStateOf[state];
  // The queries filter drafts out; reaching one here would be a bug in a where clause, not bad content.
  if (!mapped) throw new Error("a draft lesson was selected for public reading");
  return mapped;
}

function parseStored<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`Stored ${what} does not match the content schema: ${z.prettifyError(result.error)}`);
  return result.data;
}

export type { CourseCard };

async function loadCourses({ db }: DbContext): Promise<CourseCard[]> {
  const courses = await db.course.findMany({
    where: shownCourses,
    orderBy: { position: "asc" },
    select: {
      slug: true,
      title: true,
      summary: true,
      lessons: { where: visibleLesson, select: { state: true, currentRevision: { select: { minutes: true } } } },
    },
  });
  return courses.map((course) => ({
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    lessonCount: course.lessons.length,
    publishedCount: course.lessons.filter((l) => l.state === "PUBLISHED").length,
    minutes: course.lessons.reduce((sum, l) => sum + (l.currentRevision?.minutes ?? 0), 0),
  }));
}

export interface LessonSummary {
  slug: string;
  title: string;
  summary: string;
  minutes: number;
  state: LessonState;
}

export interface LearningPathStage {
  stage: string;
  title: string;
  lesson: LessonSummary | null;
}

export interface CourseOverview {
  slug: string;
  title: string;
  summary: string;
  learningPath: LearningPathStage[];
  lessons: LessonSummary[];
}

const learningPathSchema = courseSchema.shape.learningPath;

async function loadCourse({ db }: DbContext, courseSlug: string): Promise<CourseOverview | null> {
  const course = await db.course.findFirst({
    where: { slug: courseSlug, ...shownCourses },
    select: {
      slug: true,
      title: true,
      summary: true,
      learningPath: true,
      lessons: {
        where: visibleLesson,
        orderBy: { position: "asc" },
        select: { slug: true, state: true, currentRevision: { select: { title: true, summary: true, minutes: true } } },
      },
    },
  });
  if (!course) return null;
  const lessons = course.lessons.flatMap((l): LessonSummary[] =>
    l.currentRevision ? [{ slug: l.slug, state: publicState(l.state), ...l.currentRevision }] : [],
  );
  const path = parseStored(learningPathSchema, course.learningPath, `learning path of course "${course.slug}"`);
  return {
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    learningPath: path.map((step) => ({ stage: step.stage, title: step.title, lesson: lessons.find((l) => l.slug === step.lesson) ?? null })),
    lessons,
  };
}

export interface LessonLink {
  slug: string;
  title: string;
}

export interface LessonPage {
  course: { slug: string; title: string };
  slug: string;
  state: LessonState;
  title: string;
  summary: string;
  minutes: number;
  objectives: string[];
  outline: z.infer<typeof outlineSectionSchema>[] | null;
  /** The body rendered to HTML by server/markdown (sanitized there: lesson text is untrusted author input). */
  html: string;
  toc: TocEntry[];
  hasQuiz: boolean;
  exercises: LessonLink[];
  previous: LessonLink | null;
  next: LessonLink | null;
}

async function loadLesson({ db }: DbContext, courseSlug: string, lessonSlug: string): Promise<LessonPage | null> {
  const lesson = await db.lesson.findFirst({
    where: { AND: [visibleLesson, { slug: lessonSlug, course: { slug: courseSlug } }] },
    select: {
      slug: true,
      state: true,
      courseId: true,
      course: { select: { slug: true, title: true } },
      currentRevision: { select: { id: true, title: true, summary: true, minutes: true, objectives: true, keyTerms: true, outline: true, body: true } },
      exercises: { where: publishedExercises, orderBy: { position: "asc" }, select: { slug: true, title: true } },
      _count: { select: { quizQuestions: true } },
    },
  });
  const revision = lesson?.currentRevision;
  if (!lesson || !revision) return null;

  const siblings = await db.lesson.findMany({
    where: { courseId: lesson.courseId, ...visibleLesson },
    orderBy: { position: "asc" },
    select: { slug: true, currentRevision: { select: { title: true } } },
  });
  const index = siblings.findIndex((s) => s.slug === lesson.slug);
  const linkTo = (i: number): LessonLink | null => {
    const sibling = siblings[i];
    return sibling?.currentRevision ? { slug: sibling.slug, title: sibling.currentRevision.title } : null;
  };

  const where = `lesson "${courseSlug}/${lessonSlug}" (revision ${revision.id})`;
  const keyTerms: KeyTerm[] = parseStored(z.array(keyTermSchema), revision.keyTerms, `key terms of ${where}`);
  const { html, toc } = await storedRendering(db, revision.body, keyTerms);
  return {
    course: lesson.course,
    slug: lesson.slug,
    state: publicState(lesson.state),
    title: revision.title,
    summary: revision.summary,
    minutes: revision.minutes,
    objectives: parseStored(z.array(z.string()), revision.objectives, `objectives of ${where}`),
    outline: revision.outline === null ? null : parseStored(z.array(outlineSectionSchema), revision.outline, `outline of ${where}`),
    html,
    toc,
    hasQuiz: lesson._count.quizQuestions > 0,
    exercises: lesson.exercises,
    previous: linkTo(index - 1),
    next: linkTo(index + 1),
  };
}

// Cached across requests under the reading tags (keyed by the slugs, never by the context), and per request by
// React's cache() — pages pass the one context publicContext() gives them, so metadata and body share a read.
export const listCourses = cache((ctx: DbContext) => unstable_cache(() => loadCourses(ctx), ["catalog"], { tags: [catalogTag] })());

export const getCourse = cache((ctx: DbContext, courseSlug: string) =>
  unstable_cache(() => loadCourse(ctx, courseSlug), ["course", courseSlug], { tags: [courseTag(courseSlug)] })(),
);

export const getLesson = cache((ctx: DbContext, courseSlug: string, lessonSlug: string) =>
  unstable_cache(() => loadLesson(ctx, courseSlug, lessonSlug), ["lesson", courseSlug, lessonSlug], { tags: [courseTag(courseSlug)] })(),
);
