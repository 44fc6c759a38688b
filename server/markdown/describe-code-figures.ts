// After highlighting, each code figure gets the shape the page shows: a bar with the file name (from the info
// string) or the language, and a copy button that stays hidden until the page's script can make it work (the
// button copies the code element's text, so the code is not sent a second time in an attribute).
import type { Element, ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { isElement, stringProperty } from "./hast-helpers";

export const codeFigureProperty = "dataCodeFigure";
/** The attribute of the copy button the page's script looks for. */
export const copyButtonProperty = "dataCopyCode";

function element(tagName: string, properties: Element["properties"], children: ElementContent[] = []): Element {
  return { type: "element", tagName, properties, children };
}

function visitFigures(node: Root | Element, onFigure: (figure: Element) => void): void {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    // rehype-pretty-code writes its attributes with their HTML names, not hast's camelCase ones.
    if (child.tagName === "figure" && "data-rehype-pretty-code-figure" in child.properties) onFigure(child);
    else visitFigures(child, onFigure);
  }
}

function label(title: string | undefined, language: string): Element {
  if (title) return element("figcaption", { className: ["code-block-title"] }, [{ type: "text", value: title }]);
  const text = language === "plaintext" ? "text" : language;
  return element("span", { className: ["code-block-language"] }, [{ type: "text", value: text }]);
}

// Short class names, styled in app/globals.css: they repeat on every block of a long lesson.
const copyControls = (): Element =>
  element("span", { className: ["code-block-copy"] }, [
    element("span", { role: "status", ariaLive: "polite" }),
    element("button", { type: "button", hidden: true, ariaLabel: "Copy code", [copyButtonProperty]: "" }, [{ type: "text", value: "Copy" }]),
  ]);

export function describeCodeFigures(tree: Root): void {
  visitFigures(tree, (figure) => {
    const pre = figure.children.find((c): c is Element => isElement(c, "pre"));
    if (!pre?.children.some((c) => isElement(c, "code"))) return;
    const caption = figure.children.find((c): c is Element => isElement(c, "figcaption"));
    const language = stringProperty(pre, "data-language") ?? "plaintext";
    figure.properties = { className: ["code-block"], [codeFigureProperty]: "", dataLanguage: language };
    figure.children = [element("div", { className: ["code-block-bar"] }, [label(caption ? toString(caption) : undefined, language), copyControls()]), pre];
  });
}
