// Headings become links to themselves so a reader can copy a link to any section. The whole heading text is the
// link (its accessible name stays the heading text); the "#" mark is decoration.
import type { ElementContent, Root } from "hast";
import { headingRank, isElement, stringProperty } from "./hast-helpers";

/** A link written inside a heading would end up nested in the anchor, which HTML forbids: keep its text only. */
function withoutLinks(children: ElementContent[]): ElementContent[] {
  return children.flatMap((child) => {
    if (!isElement(child)) return [child];
    if (child.tagName === "a") return withoutLinks(child.children);
    return [{ ...child, children: withoutLinks(child.children) }];
  });
}

export function addHeadingAnchors(tree: Root): void {
  for (const node of tree.children) {
    if (!isElement(node)) continue;
    const rank = headingRank(node);
    const id = stringProperty(node, "id");
    if (rank === undefined || rank < 2 || rank > 4 || !id) continue;
    node.children = [
      {
        type: "element",
        tagName: "a",
        properties: { href: `#${id}`, className: ["heading-anchor"] },
        children: [
          ...withoutLinks(node.children),
          { type: "element", tagName: "span", properties: { className: ["anchor-mark"], ariaHidden: "true" }, children: [{ type: "text", value: "#" }] },
        ],
      },
    ];
  }
}
