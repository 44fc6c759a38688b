// The highlighter wraps every line of a code block in a span and every token in another, each token with an inline
// style carrying its light and dark colour. A long lesson has over a thousand of them — most of its elements, for
// the browser to parse, style and lay out — but only a few dozen colour pairs, and most tokens are in the theme's
// plain text colour. So each code element takes that colour from its pre and its tokens in it become plain text,
// neighbouring tokens of one colour become one, the line wrappers go (the newlines between them already break the
// lines), and each remaining colour pair becomes a short class defined once in a style element at the end of the
// body. The code's text, which the copy button copies, is unchanged.
import type { Element, ElementContent, Root } from "hast";
import { isElement, stringProperty, type Parent } from "./hast-helpers";

const tokenStyle = /^--shiki-light:(#[0-9A-Fa-f]{3,8});--shiki-dark:(#[0-9A-Fa-f]{3,8})$/;
// The pre of a block as the highlighter writes it with its background kept: the theme's text colours lead.
const blockStyle = /^--shiki-light:(#[0-9A-Fa-f]{3,8});--shiki-dark:(#[0-9A-Fa-f]{3,8});/;

type ColourPair = string;

function pairOf(style: string | undefined, pattern: RegExp): ColourPair | undefined {
  const match = style ? pattern.exec(style) : null;
  return match ? `--shiki-light:${match[1]?.toUpperCase()};--shiki-dark:${match[2]?.toUpperCase()}` : undefined;
}

class ColourClasses {
  private readonly names = new Map<ColourPair, string>();

  nameOf(pair: ColourPair): string {
    let name = this.names.get(pair);
    if (!name) {
      name = `tc${this.names.size}`;
      this.names.set(pair, name);
    }
    return name;
  }

  stylesheet(): Element | null {
    if (this.names.size === 0) return null;
    const rules = [...this.names].map(([pair, name]) => `.${name}{${pair}}`).join("");
    return { type: "element", tagName: "style", properties: {}, children: [{ type: "text", value: rules }] };
  }
}

const onlyClass = (node: ElementContent): string | undefined => {
  if (!isElement(node, "span")) return undefined;
  const { className, ...rest } = node.properties;
  return Array.isArray(className) && className.length === 1 && Object.keys(rest).length === 0 ? String(className[0]) : undefined;
};

/** Adds a node after `nodes`, joined to the text or same-colour token before it. */
function append(nodes: ElementContent[], node: ElementContent): void {
  const last = nodes.at(-1);
  if (node.type === "text" && last?.type === "text") {
    last.value += node.value;
    return;
  }
  const name = onlyClass(node);
  if (name !== undefined && isElement(node)) {
    // Whitespace shows no colour: one span for a colour across the spaces between its tokens.
    const gap = last?.type === "text" && last.value.trim() === "" ? last : undefined;
    const before = gap ? nodes.at(-2) : last;
    if (before && isElement(before) && onlyClass(before) === name) {
      if (gap) append(before.children, nodes.pop() as ElementContent);
      for (const child of node.children) append(before.children, child);
      return;
    }
  }
  nodes.push(node);
}

/** A code element's content with its lines and the tokens in the `plain` colour unwrapped, other tokens named by class. */
function compactTokens(nodes: ElementContent[], plain: ColourPair | undefined, classes: ColourClasses, out: ElementContent[] = []): ElementContent[] {
  for (const node of nodes) {
    if (isElement(node, "span")) {
      if ("data-line" in node.properties) {
        compactTokens(node.children, plain, classes, out);
        continue;
      }
      const style = stringProperty(node, "style");
      const pair = pairOf(style, tokenStyle);
      const bare = Object.keys(node.properties).length === 0;
      if (bare || (pair !== undefined && pair === plain)) {
        compactTokens(node.children, plain, classes, out);
        continue;
      }
      if (pair !== undefined) {
        delete node.properties.style;
        node.properties.className = [classes.nameOf(pair)];
      }
    }
    append(out, node);
  }
  return out;
}

function visit(node: Parent, classes: ColourClasses): void {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.tagName === "pre") {
      const plain = pairOf(stringProperty(child, "style"), blockStyle);
      // The block's background is the page's (app/globals.css), in both themes.
      delete child.properties.style;
      for (const code of child.children) {
        if (!isElement(code, "code")) continue;
        code.children = compactTokens(code.children, plain, classes);
        if (plain !== undefined) code.properties.className = [classes.nameOf(plain)];
      }
      continue;
    }
    visit(child, classes);
  }
}

export function compactHighlightedCode(tree: Root): void {
  const classes = new ColourClasses();
  visit(tree, classes);
  const stylesheet = classes.stylesheet();
  if (stylesheet) tree.children.push(stylesheet);
}
