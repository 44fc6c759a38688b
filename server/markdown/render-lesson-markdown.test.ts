import { readFileSync } from "node:fs";
import path from "node:path";
import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import matter from "gray-matter";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { lessonFrontMatterSchema } from "@/lib/content";
import { renderLessonMarkdown } from "./render-lesson-markdown";
import type { GlossaryTerm } from "./types";

function elements(tree: Root, test: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, "element", (el: Element) => {
    if (test(el)) found.push(el);
  });
  return found;
}

const isElementNode = (node: Root["children"][number] | Element["children"][number]): node is Element => node.type === "element";

function byTag(tree: Root, tagName: string): Element[] {
  return elements(tree, (el) => el.tagName === tagName);
}

function hasClass(el: Element, name: string): boolean {
  const value = el.properties.className;
  return Array.isArray(value) && value.includes(name);
}

/** Every element's tag and every property, flattened: what could reach the page. */
function everything(tree: Root): string {
  const parts: string[] = [];
  visit(tree, (node) => {
    if (node.type === "element") parts.push(`<${node.tagName} ${JSON.stringify(node.properties)}>`);
    if (node.type === "raw") parts.push(`RAW:${node.value}`);
  });
  return parts.join("\n");
}

const terms: GlossaryTerm[] = [
  { term: "image", aliases: ["images"], definition: "A packaged filesystem." },
  { term: "container", aliases: ["containers"], definition: "A running image." },
  { term: "health check", aliases: ["health checks", "HEALTHCHECK"], definition: "A probe the engine runs." },
  { term: "volume/bind mount", aliases: ["bind mount"], definition: "Storage outside the container." },
];

function termLinks(tree: Root): Element[] {
  return elements(tree, (el) => el.tagName === "a" && hasClass(el, "term-link"));
}

describe("renderLessonMarkdown: no raw HTML", () => {
  it("drops script tags, event handlers and javascript: links written in the Markdown", async () => {
    const { tree } = await renderLessonMarkdown(
      [
        "<script>alert('block')</script>",
        "",
        'Inline <img src="x" onerror="alert(1)"> and <b onclick="x()">bold</b> and <iframe src="https://example.org"></iframe>.',
        "",
        "[click me](javascript:alert(1)) and ![pic](javascript:alert(2))",
        "",
        '<a href="https://example.org" onmouseover="steal()">raw link</a>',
      ].join("\n"),
      [],
    );
    const all = everything(tree);
    expect(all).not.toMatch(/script|onerror|onclick|onmouseover|iframe|javascript:|RAW:/i);
    expect(byTag(tree, "img").every((img) => !String(img.properties.src ?? "").startsWith("javascript"))).toBe(true);
    // The words around the dropped HTML are still there.
    expect(toString(tree)).toContain("click me");
    expect(toString(tree)).toContain("Inline");
  });

  it("keeps ordinary links and images with safe URLs", async () => {
    const { tree } = await renderLessonMarkdown("[docs](https://docs.docker.com/) and [next](/learn/containers)", []);
    expect(byTag(tree, "a").map((a) => a.properties.href)).toEqual(["https://docs.docker.com/", "/learn/containers"]);
  });
});

describe("renderLessonMarkdown: headings and table of contents", () => {
  const markdown = "## Why it matters\n\ntext\n\n### A detail\n\n#### Too deep for the contents\n\n## Why it matters\n\nagain";

  it("gives headings unique ids and links them to themselves", async () => {
    const { tree } = await renderLessonMarkdown(markdown, []);
    const ids = elements(tree, (el) => /^h[2-4]$/.test(el.tagName)).map((h) => h.properties.id);
    expect(ids).toEqual(["why-it-matters", "a-detail", "too-deep-for-the-contents", "why-it-matters-1"]);
    const anchor = byTag(tree, "h3")[0]?.children[0] as Element;
    expect(anchor.tagName).toBe("a");
    expect(anchor.properties.href).toBe("#a-detail");
  });

  it("lists h2 and h3 in order, with their text only", async () => {
    const { toc } = await renderLessonMarkdown(markdown, []);
    expect(toc).toEqual([
      { id: "why-it-matters", text: "Why it matters", depth: 2 },
      { id: "a-detail", text: "A detail", depth: 3 },
      { id: "why-it-matters-1", text: "Why it matters", depth: 2 },
    ]);
  });

  it("does not nest a heading's own link inside the anchor", async () => {
    const { tree } = await renderLessonMarkdown("## See [the docs](https://docs.docker.com/)", []);
    const heading = byTag(tree, "h2")[0];
    expect(heading && elements({ type: "root", children: [heading] }, (el) => el.tagName === "a")).toHaveLength(1);
  });
});

describe("renderLessonMarkdown: key terms", () => {
  it("links the first use of each term per section, matching aliases and case", async () => {
    const { tree } = await renderLessonMarkdown(
      "## One\n\nAn Image runs as a container. Another image, more containers.\n\n## Two\n\nImages again, and a bind mount.",
      terms,
    );
    expect(termLinks(tree).map((a) => [toString(a), a.properties.href])).toEqual([
      ["Image", "#term-image"],
      ["container", "#term-container"],
      ["Images", "#term-image"],
      ["bind mount", "#term-volume-bind-mount"],
    ]);
  });

  it("prefers the longest name and respects word boundaries", async () => {
    const { tree } = await renderLessonMarkdown("## S\n\nTwo health checks. Containerization and imagery are not terms.", terms);
    expect(termLinks(tree).map((a) => toString(a))).toEqual(["health checks"]);
  });

  it("leaves code, headings and existing links alone", async () => {
    const { tree } = await renderLessonMarkdown(
      [
        "## The image in a heading",
        "",
        "Run `docker run image` and see [the image docs](https://docs.docker.com/).",
        "",
        "```dockerfile",
        "HEALTHCHECK CMD true # container image",
        "```",
        "",
        "Finally the image in prose.",
      ].join("\n"),
      terms,
    );
    const links = termLinks(tree);
    expect(links.map((a) => toString(a))).toEqual(["image"]);
    for (const tag of ["h2", "code", "pre"]) {
      for (const el of byTag(tree, tag)) expect(elements({ type: "root", children: [el] }, (e) => hasClass(e, "term-link"))).toEqual([]);
    }
    const external = byTag(tree, "a").find((a) => a.properties.href === "https://docs.docker.com/");
    expect(external && toString(external)).toBe("the image docs");
  });

  it("describes each link with the glossary entry it points to", async () => {
    const { tree } = await renderLessonMarkdown("## S\n\nA container.", terms);
    const link = termLinks(tree)[0];
    expect(link?.properties.ariaDescribedBy).toEqual(["term-container-definition"]);
    const definition = elements(tree, (el) => el.properties.id === "term-container-definition")[0];
    expect(definition?.tagName).toBe("dd");
    expect(definition && toString(definition)).toBe("A running image.");
  });

  it("puts the glossary at the end of the Key terms section and links nothing inside that section", async () => {
    const { tree } = await renderLessonMarkdown("## Key terms\n\nAn image and a container.\n\n## Next\n\nAn image.", terms);
    const sections = tree.children.filter((n): n is Element => isElementNode(n) && n.tagName === "section");
    expect(sections.map((section) => section.children.filter(isElementNode).map((el) => el.tagName))).toEqual([
      ["h2", "p", "dl"],
      ["h2", "p"],
    ]);
    expect(byTag(tree, "dt").map((dt) => [dt.properties.id, toString(dt)])).toEqual([
      ["term-image", "image"],
      ["term-container", "container"],
      ["term-health-check", "health check"],
      ["term-volume-bind-mount", "volume/bind mount"],
    ]);
    expect(termLinks(tree).map((a) => toString(a))).toEqual(["image"]);
  });

  it("adds a Key terms section when the body has none", async () => {
    const { tree, toc } = await renderLessonMarkdown("## Only\n\ntext", terms);
    expect(toc.map((e) => e.id)).toEqual(["only", "key-terms"]);
    expect(byTag(tree, "dl")).toHaveLength(1);
  });
});

describe("renderLessonMarkdown: sections", () => {
  it("wraps each h2 and what follows it up to the next h2 in a section, each h3 in one inside it, leaving text before a first heading as it is", async () => {
    const { tree } = await renderLessonMarkdown("Intro.\n\n## One\n\nA.\n\n### One point one\n\nB.\n\n## Two\n\nC.", []);
    const top = tree.children.filter(isElementNode);
    expect(top.map((el) => [el.tagName, el.properties.className ?? null])).toEqual([
      ["p", null],
      ["section", ["lesson-section"]],
      ["section", ["lesson-section"]],
    ]);
    expect(top.slice(1).map((section) => toString(section.children.find(isElementNode) ?? section))).toEqual(["One#", "Two#"]);
    expect(top[1]?.children.filter(isElementNode).map((el) => [el.tagName, toString(el)])).toEqual([
      ["h2", "One#"],
      ["p", "A."],
      ["section", "One point one#\nB.\n"],
    ]);
  });
});

describe("renderLessonMarkdown: checklists", () => {
  const checklistIds = async (markdown: string) => {
    const { tree } = await renderLessonMarkdown(markdown, terms);
    return elements(tree, (el) => el.tagName === "li" && "dataChecklistItem" in el.properties).map((li) => li.properties.dataChecklistItem);
  };

  it("ids items by section and words, each a real checkbox labelled by the item (not GFM's disabled one)", async () => {
    const { tree } = await renderLessonMarkdown("## Exercise 1\n\n- [ ] The image builds.\n- [x] It answers on port 8080.", []);
    const boxes = byTag(tree, "input");
    expect(boxes.map((b) => [b.properties.type, b.properties.id, b.properties.disabled, b.properties.checked])).toEqual([
      ["checkbox", "check-exercise-1--the-image-builds", undefined, undefined],
      ["checkbox", "check-exercise-1--it-answers-on-port-8080", undefined, undefined],
    ]);
    expect(byTag(tree, "label").map((l) => [l.properties.htmlFor, toString(l)])).toEqual([
      [["check-exercise-1--the-image-builds"], "The image builds."],
      [["check-exercise-1--it-answers-on-port-8080"], "It answers on port 8080."],
    ]);
    expect(await checklistIds("## Exercise 1\n\n- [ ] The image builds.\n- [x] It answers on port 8080.")).toEqual([
      "exercise-1--the-image-builds",
      "exercise-1--it-answers-on-port-8080",
    ]);
  });

  it("keeps ids when other content or the order of items changes", async () => {
    const before = await checklistIds("## Tasks\n\n- [ ] Add a user.\n- [ ] Add a health check.");
    const after = await checklistIds("## Intro\n\nNew paragraph.\n\n## Tasks\n\nMore words first.\n\n- [ ] Add a health check.\n- [ ] Add a user.");
    expect([...after].sort()).toEqual([...before].sort());
  });

  it("tells identical items in one section apart and items in different sections apart", async () => {
    expect(await checklistIds("## A\n\n- [ ] Same.\n- [ ] Same.\n\n## B\n\n- [ ] Same.")).toEqual(["a--same", "a--same-2", "b--same"]);
  });

  it("keeps long ids bounded", async () => {
    const [id] = await checklistIds(`## S\n\n- [ ] ${"word ".repeat(60)}`);
    expect(String(id).length).toBeLessThanOrEqual("s--".length + 60);
  });
});

describe("renderLessonMarkdown: code blocks", () => {
  const source = 'import os\n\n\nprint("<b>hi</b>")  # a comment';

  it("puts the title in a bar with a copy button hidden until the page's script runs, and the code once", async () => {
    const { tree } = await renderLessonMarkdown(`\`\`\`python title="app.py"\n${source}\n\`\`\``, []);
    const [figure] = elements(tree, (el) => el.tagName === "figure");
    if (!figure) throw new Error("no figure");
    const inFigure = (tag: string) => byTag({ type: "root", children: [figure] }, tag);
    expect(figure.properties).toMatchObject({ dataCodeFigure: "", dataLanguage: "python" });
    expect(inFigure("figcaption").map((c) => toString(c))).toEqual(["app.py"]);
    expect(inFigure("button").map((b) => [b.properties.hidden, b.properties.ariaLabel, "dataCopyCode" in b.properties])).toEqual([[true, "Copy code", true]]);
    // The copy button copies the code element's text: it must be exactly the source.
    expect(inFigure("code").map((c) => toString(c))).toEqual([source]);
    expect(JSON.stringify(figure.properties)).not.toContain("print");
    // Highlighted: tokens carry a class per colour pair, defined once with both theme colours.
    const colours = byTag(tree, "style").map((s) => toString(s)).join("");
    expect(colours).toMatch(/^(\.tc\d+\{--shiki-light:#[0-9A-F]+;--shiki-dark:#[0-9A-F]+\})+$/i);
    expect(everything(tree)).not.toContain('"style"');
  });

  it("keeps one element per run of colour: lines unwrapped, plain-coloured tokens as text, neighbours of a colour joined", async () => {
    const code = 'FROM python:3.11-slim\nRUN pip install flask gunicorn\n\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]';
    const { tree } = await renderLessonMarkdown(`\`\`\`dockerfile\n${code}\n\`\`\``, []);
    const [element] = byTag(tree, "code");
    if (!element) throw new Error("no code");
    expect(toString(element)).toBe(code);
    const rules = new Map([...byTag(tree, "style").map((s) => toString(s)).join("").matchAll(/\.(tc\d+)\{([^}]*)\}/g)].map((m) => [m[1], m[2]]));
    // The code element carries the theme's text colour; no token repeats it, no line wrapper is left.
    const [plain] = element.properties.className as string[];
    expect(rules.get(plain ?? "")).toMatch(/^--shiki-light:#[0-9A-F]+;--shiki-dark:#[0-9A-F]+$/);
    const tokens = element.children.filter((c): c is Element => c.type === "element");
    expect(tokens.length).toBeGreaterThan(2);
    for (const token of tokens) {
      expect(token.properties).toEqual({ className: [expect.stringMatching(/^tc\d+$/)] });
      expect(token.properties.className).not.toEqual([plain]);
      expect(rules.has(String((token.properties.className as string[])[0]))).toBe(true);
    }
    // No two tokens of one colour side by side, nor with only whitespace between them.
    const runs = element.children.filter((c) => c.type === "element" || c.value.trim() !== "");
    runs.forEach((node, i) => {
      const next = runs[i + 1];
      if (node.type === "element" && next?.type === "element") expect(next.properties.className).not.toEqual(node.properties.className);
    });
    expect(everything(tree)).not.toMatch(/data-line|"style"/);
  });

  it("renders blocks in unknown or missing languages as plain text instead of failing", async () => {
    const { tree } = await renderLessonMarkdown("```no-such-language\nx = 1\n```\n\n```\nplain\n```", []);
    expect(byTag(tree, "code").map((c) => toString(c))).toEqual(["x = 1", "plain"]);
    expect(elements(tree, (el) => el.tagName === "figure")).toHaveLength(2);
  });
});

describe("renderLessonMarkdown: the first lesson", () => {
  it("renders dockerize-a-service with a complete glossary, term links that resolve and identified checklists", async () => {
    const file = path.resolve(import.meta.dirname, "../../content/containers/dockerize-a-service/lesson.md");
    const { data, content } = matter(readFileSync(file, "utf8"));
    const frontMatter = lessonFrontMatterSchema.parse(data);
    const { tree, toc } = await renderLessonMarkdown(content, frontMatter.keyTerms);
    expect(byTag(tree, "dt").map((dt) => toString(dt))).toEqual(frontMatter.keyTerms.map((t) => t.term));
    const ids = new Set(elements(tree, (el) => typeof el.properties.id === "string").map((el) => el.properties.id));
    const links = termLinks(tree);
    expect(links.length).toBeGreaterThan(frontMatter.keyTerms.length);
    expect(links.filter((a) => !ids.has(String(a.properties.href).slice(1)))).toEqual([]);
    expect(toc.filter((e) => e.depth === 2).length).toBeGreaterThan(10);
    const tasks = (content.match(/^\s*- \[[ x]\]/gm) ?? []).length;
    expect(elements(tree, (el) => "dataChecklistItem" in el.properties)).toHaveLength(tasks);
  });
});
