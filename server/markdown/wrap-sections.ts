// Each h2 and what follows it, up to the next h2, becomes a section, and within it each h3 with what follows it
// a section of its own. The page's CSS lays a section out only when it comes near the viewport (content-visibility,
// app/globals.css), and the page's script lays out the rest one section per idle moment: so a long lesson's first
// paint styles and lays out the part the reader sees, and no later step is larger than one subsection.
// Text before a section's first heading stays where it is.
import type { Element, ElementContent, Root, RootContent } from "hast";
import { headingRank } from "./hast-helpers";

const deepestRank = 3;

function wrap<T extends RootContent>(nodes: T[], rank: number): (T | Element)[] {
  const out: (T | Element)[] = [];
  const made: { section: Element; heading: ElementContent; body: ElementContent[] }[] = [];
  for (const node of nodes) {
    const current = made.at(-1);
    if (node.type !== "doctype" && headingRank(node) === rank) {
      const section: Element = { type: "element", tagName: "section", properties: { className: ["lesson-section"] }, children: [] };
      made.push({ section, heading: node, body: [] });
      out.push(section);
    } else if (current && node.type !== "doctype") current.body.push(node);
    else out.push(node);
  }
  for (const { section, heading, body } of made) section.children = [heading, ...(rank < deepestRank ? wrap(body, rank + 1) : body)];
  return out;
}

export function wrapSections(tree: Root): void {
  tree.children = wrap(tree.children, 2);
}
