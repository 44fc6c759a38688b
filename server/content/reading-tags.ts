// The cache tags of the reading pages (catalog, course, lesson), shared by the readers that tag what they cache
// (server/lessons/courses.ts) and the content writers that revalidate them. A lesson page shows its course's title and its
// neighbours' titles, so lessons carry their course's tag: one edit revalidates the course's pages together.
export const catalogTag = "catalog";

export function courseTag(courseSlug: string): string {
  return `course:${courseSlug}`;
}
