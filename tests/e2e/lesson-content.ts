// What the browser tests expect of a lesson, taken from its Markdown so they follow the content as it changes.

/** The lesson's checklist items as their checkboxes are labelled: the item's words without Markdown marks. */
export function checklistItems(body: string): string[] {
  return [...body.matchAll(/^\s*- \[ \] (.+)$/gm)].map((m) => (m[1] ?? "").replace(/[`*_]/g, "").trim());
}
