import "server-only";
// Highlighting a long lesson takes a few hundred milliseconds, and its output is a large HTML string. Lesson
// revisions and exercise tasks never change once written, so each source is rendered once and stored in the
// database (RenderedMarkdown): every web process and every restart reads the stored HTML instead of rendering.
// The key hashes the pipeline version with the source, so changing the pipeline renders everything afresh.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { asJson } from "../json-value";
import { renderLessonHtml, type RenderedHtml } from "./render-lesson-markdown";
import type { GlossaryTerm } from "./types";

/** Bump whenever the pipeline's output changes (a plugin, the HTML shape, the highlighter's themes). */
export const renderPipelineVersion = 4;

const tocSchema = z.array(z.object({ id: z.string(), text: z.string(), depth: z.union([z.literal(2), z.literal(3)]) }));

export function renderingKey(markdown: string, keyTerms: readonly GlossaryTerm[]): string {
  return createHash("sha256").update(JSON.stringify([renderPipelineVersion, markdown, keyTerms])).digest("base64url");
}

// Readers arriving together at a source nobody has rendered yet wait for one rendering, not one each.
const pending = new Map<string, Promise<RenderedHtml>>();

async function renderAndStore(prisma: PrismaClient, key: string, markdown: string, keyTerms: GlossaryTerm[]): Promise<RenderedHtml> {
  const rendered = await renderLessonHtml(markdown, keyTerms);
  // Another process may have stored the same key meanwhile: the rendering is the same, so the first one stays.
  await prisma.renderedMarkdown.createMany({ data: [{ key, html: rendered.html, toc: asJson(rendered.toc) }], skipDuplicates: true });
  return rendered;
}

export async function storedRendering(prisma: PrismaClient, markdown: string, keyTerms: GlossaryTerm[]): Promise<RenderedHtml> {
  const key = renderingKey(markdown, keyTerms);
  const stored = await prisma.renderedMarkdown.findUnique({ where: { key }, select: { html: true, toc: true } });
  if (stored) return { html: stored.html, toc: tocSchema.parse(stored.toc) };
  let rendering = pending.get(key);
  if (!rendering) {
    rendering = renderAndStore(prisma, key, markdown, keyTerms).finally(() => pending.delete(key));
    pending.set(key, rendering);
  }
  return rendering;
}
