// The highlighter gives every token an inline style with its light and dark colour; a long lesson has hundreds of
// tokens but only a few dozen colour pairs. Each distinct pair becomes a short class, defined once in a style
// element at the end of the body, which cuts the page (and the copy of it the page carries for React) by a fifth.
import type { Element, Root } from "hast";
import { isElement, stringProperty, type Parent } from "./hast-helpers";

const tokenStyle = /^--shiki-light:#[0-9A-Fa-f]{3,8};--shiki-dark:#[0-9A-Fa-f]{3,8}$/;

function visit(node: Parent, onElement: (element: Element) => void): void {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    onElement(child);
    visit(child, onElement);
  }
}

export function tokenColourClasses(tree: Root): void {
  const classes = new Map<string, string>();
  visit(tree, (element) => {
    const style = stringProperty(element, "style");
    // Only the highlighter's own colour pairs: any other style is left as it is.
    if (!style || !tokenStyle.test(style)) return;
    let name = classes.get(style);
    if (!name) {
      name = `tc${classes.size}`;
      classes.set(style, name);
    }
    delete element.properties.style;
    element.properties.className = [name];
  });
  if (classes.size === 0) return;
  const rules = [...classes].map(([style, name]) => `.${name}{${style}}`).join("");
  tree.children.push({ type: "element", tagName: "style", properties: {}, children: [{ type: "text", value: rules }] });
}
