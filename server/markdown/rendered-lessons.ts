import "server-only";
// Highlighting a long lesson takes a few hundred milliseconds. A revision never changes once written, so each one
// is rendered once per process and kept in a small most-recently-used cache.
import { renderLessonMarkdown, type RenderedLesson } from "./render-lesson-markdown";
import type { GlossaryTerm } from "./types";

const capacity = 50;
const rendered = new Map<string, Promise<RenderedLesson>>();

export function renderRevision(revisionId: string, markdown: string, keyTerms: GlossaryTerm[]): Promise<RenderedLesson> {
  const cached = rendered.get(revisionId);
  if (cached) {
    rendered.delete(revisionId);
    rendered.set(revisionId, cached);
    return cached;
  }
  const pending = renderLessonMarkdown(markdown, keyTerms);
  pending.catch(() => rendered.delete(revisionId));
  rendered.set(revisionId, pending);
  const oldest = rendered.keys().next();
  if (rendered.size > capacity && !oldest.done) rendered.delete(oldest.value);
  return pending;
}
