// The line a field sits on in a YAML text, for error messages: the deepest node of its path that exists (a missing
// field points at the object that lacks it). Pure, so the editors in the browser and the content loader share it.
import { isCollection, isNode, LineCounter, parseDocument, type Document } from "yaml";

/** Finds the line of a field in the file it came from. */
export type LineOf = (field: readonly PropertyKey[]) => number | undefined;

function lineFinder(doc: Document, counter: LineCounter, firstLine: number): LineOf {
  return (field) => {
    let node: unknown = doc.contents;
    for (const key of field) {
      const next: unknown = isCollection(node) ? node.get(typeof key === "symbol" ? String(key) : key, true) : undefined;
      if (next === undefined) break;
      node = next;
    }
    const offset = isNode(node) ? node.range?.[0] : undefined;
    return offset === undefined ? undefined : counter.linePos(offset).line + firstLine - 1;
  };
}

/** `firstLine`: the line of the text's first line in its file. */
export function yamlLineFinder(text: string, firstLine = 1): LineOf {
  const counter = new LineCounter();
  return lineFinder(parseDocument(text, { lineCounter: counter }), counter, firstLine);
}

/** The text parsed once: its data, its syntax errors with their lines, and the line finder for schema issues. */
export function readYamlText(text: string): { data: unknown; syntaxErrors: { line?: number; message: string }[]; lineOf: LineOf } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  return { data: doc.errors.length ? undefined : doc.toJS(), syntaxErrors: doc.errors.map((e) => ({ line: e.linePos?.[0].line, message: e.message })), lineOf: lineFinder(doc, counter, 1) };
}
