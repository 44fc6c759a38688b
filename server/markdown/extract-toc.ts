import type { Root } from "hast";
import { toString } from "hast-util-to-string";
import { headingRank, isElement, stringProperty } from "./hast-helpers";
import type { TocEntry } from "./types";

/** The body's h2 and h3 headings in order; run before heading anchors add their marks. */
export function extractToc(tree: Root): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const node of tree.children) {
    if (!isElement(node)) continue;
    const depth = headingRank(node);
    const id = stringProperty(node, "id");
    if ((depth === 2 || depth === 3) && id) entries.push({ id, text: toString(node).trim(), depth });
  }
  return entries;
}
