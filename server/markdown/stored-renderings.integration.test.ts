// The rendered body is stored once per source and pipeline version, on a real database: a second reader (or a
// second process) gets the stored HTML, which the test proves by changing the stored row and reading it back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/support/test-db";
import { renderingKey, storedRendering } from "./stored-renderings";

describe(`stored renderings (${process.env.DATABASE_URL ? "postgres" : "pglite"})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  const markdown = "## Build it\n\n```python title=\"app.py\"\nprint('hi')\n```\n\n- [ ] The image builds.";

  it("renders a source once and serves every later request from the stored row", async () => {
    const first = await storedRendering(db.prisma, markdown, []);
    expect(first.html).toContain('data-checklist-item="build-it--the-image-builds"');
    expect(first.toc).toEqual([{ id: "build-it", text: "Build it", depth: 2 }]);
    const key = renderingKey(markdown, []);
    expect(await db.prisma.renderedMarkdown.count({ where: { key } })).toBe(1);

    await db.prisma.renderedMarkdown.update({ where: { key }, data: { html: "<p>from the store</p>" } });
    expect((await storedRendering(db.prisma, markdown, [])).html).toBe("<p>from the store</p>");
  });

  it("keys by everything rendered: other key terms render afresh", async () => {
    const terms = [{ term: "image", aliases: [], definition: "A packaged filesystem." }];
    expect(renderingKey(markdown, terms)).not.toBe(renderingKey(markdown, []));
    const withTerms = await storedRendering(db.prisma, markdown, terms);
    expect(withTerms.html).toContain("A packaged filesystem.");
  });

  it("stores one row when readers arrive together", async () => {
    const source = "# Together\n\nSame source, many readers.";
    const results = await Promise.all(Array.from({ length: 5 }, () => storedRendering(db.prisma, source, [])));
    expect(new Set(results.map((r) => r.html)).size).toBe(1);
    expect(await db.prisma.renderedMarkdown.count({ where: { key: renderingKey(source, []) } })).toBe(1);
  });
});
