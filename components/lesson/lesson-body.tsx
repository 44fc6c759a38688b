// The lesson body arrives as HTML rendered once per revision on the server (sanitized there, see
// server/markdown). React does not rebuild it as thousands of elements, nor carry it in the RSC payload: the
// document holds it once (stored-html.tsx), and only a small script wakes its interactive parts (checklist ticks,
// copy buttons) — which without JavaScript stay plain checkboxes and selectable code.
import { createHash } from "node:crypto";
import { handOffHtml } from "./html-hand-off";
import { LessonBodyControls } from "./lesson-body-controls";
import { StoredHtml } from "./stored-html";

export interface LessonBodyProps {
  /** HTML from server/markdown, never anything a request supplied. */
  html: string;
  /** "<courseSlug>/<lessonSlug>": where checklist ticks are kept. */
  lessonKey: string;
  id: string;
}

export function LessonBody({ html, lessonKey, id }: LessonBodyProps) {
  const htmlKey = createHash("sha256").update(html).digest("base64url").slice(0, 22);
  handOffHtml(htmlKey, html);
  return (
    <>
      <StoredHtml key={htmlKey} id={id} className="lesson-prose" htmlKey={htmlKey} />
      <LessonBodyControls lessonKey={lessonKey} containerId={id} />
    </>
  );
}
