// Each h2 and what follows it, up to the next h2, becomes a section the page's CSS lays out only when it comes
// near the viewport (content-visibility, app/globals.css): a long lesson's first paint then styles and lays out
// the part the reader sees, not every section below it. Text before the first h2 stays as it is.
import type { Element, Root, RootContent } from "hast";
import { headingRank } from "./hast-helpers";

export const lessonSectionClass = "lesson-section";

export function wrapSections(tree: Root): void {
  const children: RootContent[] = [];
  let section: Element | null = null;
  for (const node of tree.children) {
    if (headingRank(node) === 2) {
      section = { type: "element", tagName: "section", properties: { className: [lessonSectionClass] }, children: [] };
      children.push(section);
    }
    if (section && node.type !== "doctype") section.children.push(node);
    else children.push(node);
  }
  tree.children = children;
}
