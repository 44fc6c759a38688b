// The lesson's key terms become a definition list at the end of its "Key terms" section, so every linked use of a
// term has one place to point at. Lessons without such a section get one appended.
import type { Element, ElementContent, Root } from "hast";
import { headingRank, isElement, stringProperty } from "./hast-helpers";
import { termAnchor, termDefinitionId } from "./term-anchor";
import type { GlossaryTerm } from "./types";

export const glossarySectionId = "key-terms";

function text(value: string): ElementContent {
  return { type: "text", value };
}

function glossary(terms: GlossaryTerm[]): Element {
  return {
    type: "element",
    tagName: "dl",
    properties: { className: ["glossary"] },
    children: terms.map((t) => ({
      type: "element",
      tagName: "div",
      properties: {},
      children: [
        { type: "element", tagName: "dt", properties: { id: termAnchor(t.term) }, children: [text(t.term)] },
        { type: "element", tagName: "dd", properties: { id: termDefinitionId(t.term) }, children: [text(t.definition)] },
      ],
    })),
  };
}

export function addGlossary(tree: Root, terms: GlossaryTerm[]): void {
  if (terms.length === 0) return;
  const start = tree.children.findIndex((node) => isElement(node, "h2") && stringProperty(node, "id") === glossarySectionId);
  if (start === -1) {
    tree.children.push(
      { type: "element", tagName: "h2", properties: { id: glossarySectionId }, children: [text("Key terms")] },
      glossary(terms),
    );
    return;
  }
  const next = tree.children.findIndex((node, i) => i > start && (headingRank(node) ?? 9) <= 2);
  tree.children.splice(next === -1 ? tree.children.length : next, 0, glossary(terms));
}
