// The lesson body arrives as HTML rendered once per revision on the server (sanitized there, see
// server/markdown). React does not rebuild it as thousands of elements: it is inserted as it is, so the page
// carries it once as HTML and once as a single string, and only a small script wakes its interactive parts
// (checklist ticks, copy buttons) — which without JavaScript stay plain checkboxes and selectable code.
import { LessonBodyControls } from "./lesson-body-controls";

export interface LessonBodyProps {
  /** HTML from server/markdown, never anything a request supplied. */
  html: string;
  /** "<courseSlug>/<lessonSlug>": where checklist ticks are kept. */
  lessonKey: string;
  id: string;
}

export function LessonBody({ html, lessonKey, id }: LessonBodyProps) {
  return (
    <>
      <div id={id} className="lesson-prose" dangerouslySetInnerHTML={{ __html: html }} />
      <LessonBodyControls lessonKey={lessonKey} containerId={id} />
    </>
  );
}
