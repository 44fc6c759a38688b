// Loads the real built-in courses in content/ through the project's content loader, so a typo in a YAML or
// front-matter field fails here with the file and the field rather than at sync time. On top of the schemas it
// checks what only makes sense for finished content: no lesson folder left out of its course, and every key
// term of a published lesson actually used in its body (otherwise nothing can link to it).
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadAllContent } from "./load";

const contentRoot = path.resolve(import.meta.dirname, "../../content");

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

describe("built-in content", async () => {
  const courses = await loadAllContent(contentRoot);

  it("has at least one course", () => {
    expect(courses.map((c) => c.course.slug)).toContain("containers");
  });

  it.each(courses.map((c) => [c.course.slug, c] as const))("%s lists every lesson folder it contains", (slug, loaded) => {
    expect([...loaded.course.lessons].sort()).toEqual(subfolders(path.join(contentRoot, slug)).sort());
  });

  const publishedLessons = courses.flatMap((c) =>
    c.lessons.filter((l) => l.frontMatter.state === "published").map((l) => [`${c.course.slug}/${l.slug}`, l] as const),
  );

  it.each(publishedLessons)("%s mentions every key term in its body", (_name, lesson) => {
    const body = lesson.body.toLowerCase();
    const unused = lesson.frontMatter.keyTerms
      .filter((kt) => ![kt.term, ...kt.aliases].some((name) => body.includes(name.toLowerCase())))
      .map((kt) => kt.term);
    expect(unused).toEqual([]);
  });

  it.each(publishedLessons)("%s has no H1 in its body (the page prints the title)", (_name, lesson) => {
    const bodyWithoutCode = lesson.body.replace(/^```[\s\S]*?^```/gm, "");
    expect(bodyWithoutCode).not.toMatch(/^# /m);
  });
});
