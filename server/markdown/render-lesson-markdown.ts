import "server-only";
// Lesson Markdown → a hast tree the page turns into React, plus its table of contents. Lesson text is untrusted
// author input (admins will write lessons in the browser), so raw HTML is never enabled: remark-rehype drops
// it, and GitHub's sanitize schema then strips unsafe URLs, attributes and ids before our own plugins run.
import type { Root } from "hast";
import { toHtml } from "hast-util-to-html";
import rehypePrettyCode, { type Options as PrettyCodeOptions } from "rehype-pretty-code";
import rehypeSanitize from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { addGlossary } from "./add-glossary";
import { addHeadingAnchors } from "./add-heading-anchors";
import { describeCodeFigures } from "./describe-code-figures";
import { extractToc } from "./extract-toc";
import { identifyChecklistItems } from "./identify-checklist-items";
import { linkKeyTerms } from "./link-key-terms";
import { compactHighlightedCode } from "./compact-highlighted-code";
import type { GlossaryTerm, TocEntry } from "./types";
import { wrapSections } from "./wrap-sections";

export interface RenderedLesson {
  tree: Root;
  toc: TocEntry[];
}

/** What a page shows: the body as HTML (the tree above, serialized) and its table of contents. */
export interface RenderedHtml {
  html: string;
  toc: TocEntry[];
}

const prettyCode: PrettyCodeOptions = {
  // Both themes in one pass: tokens carry --shiki-light / --shiki-dark and the page's CSS picks one.
  theme: { light: "github-light-default", dark: "github-dark-default" },
  // Kept for the theme's text colour on each pre, which compact-highlighted-code.ts gives the code element.
  keepBackground: true,
  // Grid mode writes a space into empty lines, which would then be copied; the page's CSS keeps their height.
  grid: false,
  defaultLang: { block: "plaintext" },
  bypassInlineCode: true,
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeSlug)
  .use(rehypePrettyCode, prettyCode);

export async function renderLessonMarkdown(markdown: string, keyTerms: GlossaryTerm[]): Promise<RenderedLesson> {
  const tree = await processor.run(processor.parse(markdown));
  addGlossary(tree, keyTerms);
  // Ids come from the item's own words, before key-term links add their hover text to it.
  identifyChecklistItems(tree);
  linkKeyTerms(tree, keyTerms);
  describeCodeFigures(tree);
  const toc = extractToc(tree);
  addHeadingAnchors(tree);
  wrapSections(tree);
  compactHighlightedCode(tree);
  return { tree, toc };
}

export async function renderLessonHtml(markdown: string, keyTerms: GlossaryTerm[]): Promise<RenderedHtml> {
  const { tree, toc } = await renderLessonMarkdown(markdown, keyTerms);
  return { html: toHtml(tree), toc };
}
