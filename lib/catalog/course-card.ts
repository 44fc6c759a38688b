// A course as the catalog shows it: listed by server/lessons/courses, drawn by components/ui/course-card.

export interface CourseCard {
  slug: string;
  title: string;
  summary: string;
  lessonCount: number;
  publishedCount: number;
  minutes: number;
}
