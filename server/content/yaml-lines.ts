// The line a field sits on in a YAML text, for error messages: the deepest node of its path that exists (a
// missing field points at the object that lacks it).
import { isCollection, isNode, LineCounter, parseDocument } from "yaml";
import type { LineOf } from "./content-error";

/** `firstLine`: the line of the text's first line in its file (front matter starts after the opening ---). */
export function yamlLineFinder(text: string, firstLine = 1): LineOf {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  return (field) => {
    let node: unknown = doc.contents;
    for (const key of field) {
      if (!isCollection(node)) break;
      const next: unknown = node.get(typeof key === "symbol" ? String(key) : key, true);
      if (next === undefined) break;
      node = next;
    }
    const offset = isNode(node) ? node.range?.[0] : undefined;
    return offset === undefined ? undefined : counter.linePos(offset).line + firstLine - 1;
  };
}
