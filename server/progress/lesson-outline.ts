import "server-only";
// What "all of a lesson" means for progress: its h2 sections and its checklist item ids, taken from the same
// Markdown pipeline the lesson page renders (so the ids match what readers tick). Cached per revision hash.
import { renderLessonMarkdown } from "@/server/markdown/render-lesson-markdown";
import { checklistItemProperty } from "@/server/markdown/identify-checklist-items";
import type { RootContent } from "hast";

export interface LessonOutline {
  sections: { id: string; title: string }[];
  checklist: string[];
}

const cache = new Map<string, Promise<LessonOutline>>();

function collectChecklist(nodes: readonly RootContent[], out: string[]): void {
  for (const node of nodes) {
    if (node.type !== "element") continue;
    const id = node.properties[checklistItemProperty];
    if (typeof id === "string") out.push(id);
    collectChecklist(node.children, out);
  }
}

async function build(body: string): Promise<LessonOutline> {
  const { tree, toc } = await renderLessonMarkdown(body, []);
  const checklist: string[] = [];
  collectChecklist(tree.children, checklist);
  return { sections: toc.filter((t) => t.depth === 2).map((t) => ({ id: t.id, title: t.text })), checklist };
}

export function lessonOutline(contentHash: string, body: string): Promise<LessonOutline> {
  let outline = cache.get(contentHash);
  if (!outline) {
    outline = build(body);
    cache.set(contentHash, outline);
    outline.catch(() => cache.delete(contentHash));
  }
  return outline;
}
