import "server-only";
// A lesson as content/ holds it, lesson.md: what the course export writes and what a lesson revision's diff compares.
import { stringify } from "yaml";

/** A lesson revision as its lesson.md in content/: YAML front matter (with the lesson's state and outline when given), then the body. */
export function lessonMarkdown(
  revision: { title: string; summary: string; minutes: number; objectives: unknown; keyTerms: unknown; body: string },
  lesson: { state?: string; outline?: unknown } = {},
): string {
  const { title, summary, minutes, objectives, keyTerms } = revision;
  const frontMatter = {
    title,
    summary,
    minutes,
    objectives,
    ...(lesson.state ? { state: lesson.state } : {}),
    ...(Array.isArray(keyTerms) && keyTerms.length ? { keyTerms } : {}),
    ...(lesson.outline === undefined || lesson.outline === null ? {} : { outline: lesson.outline }),
  };
  return `---\n${stringify(frontMatter)}---\n\n${revision.body}\n`;
}
