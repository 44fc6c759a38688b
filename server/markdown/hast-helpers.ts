// Small shared predicates over hast trees, so each plugin reads as what it does.
import type { Element, ElementContent, Root, RootContent } from "hast";

export type Parent = Root | Element;

export function isElement(node: RootContent | ElementContent | Root | undefined, tagName?: string): node is Element {
  return node?.type === "element" && (tagName === undefined || node.tagName === tagName);
}

const headingRanks: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

export function headingRank(node: RootContent | ElementContent): number | undefined {
  return node.type === "element" ? headingRanks[node.tagName] : undefined;
}

export function stringProperty(node: Element, name: string): string | undefined {
  const value = node.properties[name];
  return typeof value === "string" ? value : undefined;
}

export function hasClass(node: Element, name: string): boolean {
  const value = node.properties.className;
  return Array.isArray(value) && value.includes(name);
}
