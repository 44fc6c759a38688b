// After highlighting, each code figure carries what the page needs to draw its header and copy button: the exact
// code text (not the highlighted markup), the title from the info string and the language. The title moves out
// of the tree so the page can place it beside the button.
import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { isElement, stringProperty } from "./hast-helpers";

export const codeFigureProperty = "dataCodeFigure";

function visitFigures(node: Root | Element, onFigure: (figure: Element) => void): void {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    // rehype-pretty-code writes its attributes with their HTML names, not hast's camelCase ones.
    if (child.tagName === "figure" && "data-rehype-pretty-code-figure" in child.properties) onFigure(child);
    else visitFigures(child, onFigure);
  }
}

export function describeCodeFigures(tree: Root): void {
  visitFigures(tree, (figure) => {
    const pre = figure.children.find((c): c is Element => isElement(c, "pre"));
    const code = pre?.children.find((c): c is Element => isElement(c, "code"));
    if (!pre || !code) return;
    const caption = figure.children.find((c): c is Element => isElement(c, "figcaption"));
    const language = stringProperty(pre, "data-language") ?? "plaintext";
    figure.properties = {
      [codeFigureProperty]: "",
      dataCode: toString(code),
      dataLanguage: language,
      ...(caption ? { dataTitle: toString(caption) } : {}),
    };
    figure.children = [pre];
  });
}
