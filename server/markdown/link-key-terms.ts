// Links the first use of each key term (or one of its aliases) in every h2 section to its glossary entry, with
// the definition shown on hover and focus. Code, headings, links and the glossary itself are left alone: a term
// inside `docker run` is a command, not prose, and a link inside a link is invalid HTML.
import type { Element, ElementContent, Root, Text } from "hast";
import { glossarySectionId } from "./add-glossary";
import { hasClass, headingRank, isElement, stringProperty } from "./hast-helpers";
import { termAnchor, termDefinitionId } from "./term-anchor";
import type { GlossaryTerm } from "./types";

const untouchable = new Set(["a", "code", "pre", "kbd", "samp", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "button", "script", "style"]);

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

interface Matcher {
  pattern: RegExp;
  termOf: Map<string, GlossaryTerm>;
}

function matcherFor(terms: GlossaryTerm[]): Matcher | null {
  const termOf = new Map<string, GlossaryTerm>();
  for (const term of terms) {
    for (const name of [term.term, ...term.aliases]) {
      const key = name.toLowerCase();
      if (!termOf.has(key)) termOf.set(key, term);
    }
  }
  if (termOf.size === 0) return null;
  // Longest names first, so "health checks" wins over "health check" and "build context" over any shorter term.
  const names = [...termOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return { pattern: new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${names.join("|")})(?![\\p{L}\\p{N}_-])`, "giu"), termOf };
}

function termLink(term: GlossaryTerm, shown: string): Element {
  return {
    type: "element",
    tagName: "span",
    properties: { className: ["term-ref"] },
    children: [
      {
        type: "element",
        tagName: "a",
        properties: { href: `#${termAnchor(term.term)}`, className: ["term-link"], ariaDescribedBy: [termDefinitionId(term.term)] },
        children: [{ type: "text", value: shown }],
      },
      // Visual only: screen readers get the definition through aria-describedby on the link.
      { type: "element", tagName: "span", properties: { className: ["term-tip"], ariaHidden: "true" }, children: [{ type: "text", value: term.definition }] },
    ],
  };
}

function splitText(node: Text, matcher: Matcher, linked: Set<GlossaryTerm>): ElementContent[] | null {
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(matcher.pattern)) {
    const term = matcher.termOf.get(match[0].toLowerCase());
    if (!term || linked.has(term)) continue;
    linked.add(term);
    if (match.index > last) out.push({ type: "text", value: node.value.slice(last, match.index) });
    out.push(termLink(term, match[0]));
    last = match.index + match[0].length;
  }
  if (last === 0) return null;
  if (last < node.value.length) out.push({ type: "text", value: node.value.slice(last) });
  return out;
}

function linkWithin(parent: Element, matcher: Matcher, linked: Set<GlossaryTerm>): void {
  const children: ElementContent[] = [];
  for (const child of parent.children) {
    if (child.type === "text") {
      children.push(...(splitText(child, matcher, linked) ?? [child]));
      continue;
    }
    if (isElement(child) && !untouchable.has(child.tagName) && !hasClass(child, "term-ref")) linkWithin(child, matcher, linked);
    children.push(child);
  }
  parent.children = children;
}

export function linkKeyTerms(tree: Root, terms: GlossaryTerm[]): void {
  const matcher = matcherFor(terms);
  if (!matcher) return;
  let linked = new Set<GlossaryTerm>();
  let inGlossarySection = false;
  for (const node of tree.children) {
    if (!isElement(node)) continue;
    if (headingRank(node) === 2) {
      linked = new Set();
      inGlossarySection = stringProperty(node, "id") === glossarySectionId;
      continue;
    }
    if (inGlossarySection || untouchable.has(node.tagName)) continue;
    linkWithin(node, matcher, linked);
  }
}
