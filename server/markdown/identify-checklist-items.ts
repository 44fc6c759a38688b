// GFM task-list items become checklist items with ids that survive edits elsewhere in the lesson: the section's
// heading id plus the item's own words. Ticks are stored under these ids, so reordering items or editing other
// sections keeps a reader's ticks; rewording an item starts it fresh, which is what a changed task should do.
// Each item is a real checkbox with its label, so it works without JavaScript; the page's script keeps the ticks.
import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { slug } from "github-slugger";
import { hasClass, headingRank, isElement, stringProperty } from "./hast-helpers";

/** The attribute the page's script looks for on a checklist item. */
export const checklistItemProperty = "dataChecklistItem";

const maxTextSlugLength = 60;

function textSlug(text: string): string {
  const full = slug(text.replace(/\s+/g, " ").trim());
  if (full.length <= maxTextSlugLength) return full;
  const cut = full.slice(0, maxTextSlugLength);
  return cut.slice(0, cut.lastIndexOf("-") > 20 ? cut.lastIndexOf("-") : maxTextSlugLength);
}

/** Removes the disabled checkbox GFM puts first in the item (or, in a loose list, first in its paragraph). */
function dropCheckbox(item: Element): void {
  const first = item.children.find((child) => isElement(child));
  const holder = first && isElement(first, "p") ? first : item;
  const index = holder.children.findIndex((child) => isElement(child, "input"));
  if (index === -1) return;
  holder.children.splice(index, 1);
  const following = holder.children[index];
  if (following?.type === "text") following.value = following.value.replace(/^\s+/, "");
}

function visitItems(node: Element, onItem: (item: Element) => void): void {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.tagName === "li" && hasClass(child, "task-list-item")) onItem(child);
    visitItems(child, onItem);
  }
}

export function identifyChecklistItems(tree: Root): void {
  let section = "lesson";
  const used = new Map<string, number>();
  for (const node of tree.children) {
    if (!isElement(node)) continue;
    const rank = headingRank(node);
    if (rank === 2 || rank === 3) {
      section = stringProperty(node, "id") ?? section;
      continue;
    }
    visitItems(node, (item) => {
      dropCheckbox(item);
      const base = `${section}--${textSlug(toString(item))}`;
      const seen = used.get(base) ?? 0;
      used.set(base, seen + 1);
      const id = seen === 0 ? base : `${base}-${seen + 1}`;
      const inputId = `check-${id}`;
      item.properties = { className: ["checklist-item"], [checklistItemProperty]: id };
      item.children = [
        { type: "element", tagName: "input", properties: { type: "checkbox", id: inputId, className: ["checklist-box"] }, children: [] },
        { type: "element", tagName: "label", properties: { htmlFor: [inputId] }, children: item.children },
      ];
    });
  }
}
