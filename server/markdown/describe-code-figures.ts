// After highlighting, each code figure gets the shape the page shows: a bar with the file name (from the info
// string) or the language, and a copy button that stays hidden until the page's script can make it work (the
// button copies the code element's text, so the code is not sent a second time in an attribute).
import type { Element, ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { isElement, stringProperty } from "./hast-helpers";

export const codeFigureProperty = "dataCodeFigure";
/** The attribute of the copy button the page's script looks for. */
export const copyButtonProperty = "dataCopyCode";

const copyButtonClass =
  "min-h-6 min-w-12 rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";

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
  if (title) return element("figcaption", { className: ["font-mono", "text-xs", "font-semibold", "text-slate-800", "dark:text-slate-100"] }, [{ type: "text", value: title }]);
  const text = language === "plaintext" ? "text" : language;
  return element("span", { className: ["text-xs", "uppercase", "tracking-wide", "text-slate-600", "dark:text-slate-400"] }, [{ type: "text", value: text }]);
}

const copyControls = (): Element =>
  element("span", { className: ["flex", "items-center", "gap-2"] }, [
    element("span", { role: "status", ariaLive: "polite", className: ["text-xs", "font-medium", "text-slate-600", "dark:text-slate-300"] }),
    element("button", { type: "button", hidden: true, ariaLabel: "Copy code", [copyButtonProperty]: "", className: copyButtonClass.split(" ") }, [{ type: "text", value: "Copy" }]),
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
