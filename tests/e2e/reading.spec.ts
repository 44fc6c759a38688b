// The reading experience as a visitor meets it, in a real Chromium against the production build: catalog →
// course → lesson, copying code, following the table of contents, ticking a checklist, dark mode, a phone-sized
// screen, and the whole lesson with JavaScript turned off. Expected text comes from the lesson file itself, so
// the assertions follow the content as it grows.
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import matter from "gray-matter";
import { slug } from "github-slugger";
import { compileHint } from "@/server/http/startup-compile-hints";
import { checklistItems } from "./lesson-content";

const lessonUrl = "/learn/containers/dockerize-a-service";
const lessonFile = path.resolve("content/containers/dockerize-a-service/lesson.md");
const { content: lessonBody, data: lessonData } = matter(readFileSync(lessonFile, "utf8"));

/** The body's h2/h3 headings with the ids rehype-slug gives them, outside fenced code. */
function lessonHeadings(): { id: string; text: string; depth: number }[] {
  const withoutCode = lessonBody.replace(/^\s*(```|~~~)[\s\S]*?^\s*\1/gm, "");
  return [...withoutCode.matchAll(/^(#{2,3}) (.+)$/gm)].map((m) => {
    const text = (m[2] ?? "").replace(/[`*_]/g, "").trim();
    return { id: slug(text), text, depth: (m[1] ?? "").length };
  });
}

function codeBlock(title: string): string {
  const match = new RegExp("^```\\w*\\s+title=\"" + title.replace(/\./g, "\\.") + "\"\\n([\\s\\S]*?)\\n```", "m").exec(lessonBody);
  if (!match?.[1]) throw new Error(`${lessonFile} has no code block titled ${title}`);
  return match[1];
}

const [firstItem = "", secondItem = ""] = checklistItems(lessonBody);

async function gotoLesson(page: Page) {
  await page.goto(lessonUrl);
  // Interactive controls appear once React has hydrated the page.
  await expect(page.getByRole("button", { name: "Copy code" }).first()).toBeVisible();
}

test("a visitor opens the catalog and reaches the lesson through the course page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const card = page.getByRole("article").filter({ has: page.getByRole("heading", { name: "Containers for backend engineers" }) });
  await expect(card).toContainText(/4\s+lessons/);
  await card.getByRole("link", { name: "Containers for backend engineers" }).click();

  // Client-side navigations wait for the server render; on a busy machine a first, uncached lesson takes seconds.
  await expect(page).toHaveURL(/\/learn\/containers$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Containers for backend engineers" })).toBeVisible();
  const path = page.getByRole("region", { name: "Learning path" });
  await expect(path.getByRole("listitem")).toHaveCount(4);
  const lessons = page.getByRole("region", { name: "Lessons" });
  await expect(lessons.getByText("Outline — being written")).toHaveCount(3);
  await lessons.getByRole("link", { name: String(lessonData.title) }).click();

  await expect(page).toHaveURL(new RegExp(`${lessonUrl}$`), { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: String(lessonData.title) })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(String(lessonData.title)));
  // The body is not in the RSC payload a client-side navigation brings: the page is loaded whole for it.
  await expect(page.locator(`h2#${lessonHeadings()[0]?.id ?? ""}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy code" }).first()).toBeVisible();
});

test("the lesson document carries its body once, not again in the RSC payload", async ({ request }) => {
  const html = await (await request.get(lessonUrl)).text();
  const fences = lessonBody.match(/^\s*```/gm)?.length ?? 0;
  // Each code block has one copy button: a second copy of the body would double the count.
  expect(html.split("data-copy-code").length - 1).toBe(fences / 2);
});

test("every script a reading page starts with reaches the browser marked for compiling while it downloads", async ({ request }) => {
  for (const url of ["/", lessonUrl, `${lessonUrl}/quiz`]) {
    const html = await (await request.get(url)).text();
    // The module scripts the page runs; the nomodule polyfills run only in browsers too old to read the hint.
    const scripts = [...html.matchAll(/<script src="([^"]+)"(?=[^>]*\basync="")[^>]*>/g)].map((m) => m[1] ?? "");
    expect(scripts.length, url).toBeGreaterThan(3);
    for (const src of scripts) expect((await (await request.get(src)).text()).startsWith(compileHint), `${url}: ${src}`).toBe(true);
  }
});

test("a reading page's scripts and style are answered by the cache in front of Next, compressed once in brotli", async ({ request }) => {
  const html = await (await request.get(lessonUrl)).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? "");
  expect(assets.some((a) => a.endsWith(".css")) && assets.some((a) => a.endsWith(".js"))).toBe(true);
  const fetchAsset = (asset: string) => request.get(asset, { headers: { "accept-encoding": "gzip, deflate, br" } });
  for (const asset of assets) {
    const first = await fetchAsset(asset);
    expect(first.status(), asset).toBe(200);
    // Kept just after Next's first answer, and from then on answered without Next.
    await expect.poll(async () => (await fetchAsset(asset)).headers()["x-reading-page-cache"], { message: asset }).toBe("HIT");
    const kept = await fetchAsset(asset);
    expect(kept.headers()["content-encoding"], asset).toBe("br");
    expect(kept.headers()["cache-control"], asset).toContain("immutable");
    expect(await kept.body(), asset).toEqual(await first.body());
  }
});

test("copying a code block puts exactly its code on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await gotoLesson(page);
  const figure = page.locator("figure").filter({ has: page.locator("figcaption", { hasText: /^app\.py$/ }) }).first();
  await figure.getByRole("button", { name: "Copy code" }).click();
  await expect(figure.getByRole("status")).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(codeBlock("app.py"));
});

test("the table of contents follows a link and marks the section being read", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await gotoLesson(page);
  const toc = page.getByRole("navigation", { name: "Table of contents" });
  const headings = lessonHeadings();
  await expect(toc.getByRole("link")).toHaveCount(headings.length + 1);

  const target = headings.find((h) => h.text.startsWith("Common mistakes"));
  if (!target) throw new Error("the lesson has no Common mistakes section");
  const link = toc.getByRole("link", { name: target.text, exact: true });
  await link.click();
  await expect(page).toHaveURL(new RegExp(`#${target.id}$`));
  await expect(page.locator(`h2#${target.id}`)).toBeInViewport();
  await expect(link).toHaveAttribute("aria-current", "location");
  await expect(toc.locator("[aria-current]")).toHaveCount(1);

  // Reading on: scrolling to a later section moves the mark with it.
  const later = headings.find((h) => h.text === "Self-audit commands");
  if (!later) throw new Error("the lesson has no Self-audit commands section");
  await page.evaluate((id) => {
    const top = document.getElementById(id)?.getBoundingClientRect().top ?? 0;
    window.scrollTo({ top: top + window.scrollY - 20, behavior: "instant" });
  }, later.id);
  await expect(toc.getByRole("link", { name: later.text, exact: true })).toHaveAttribute("aria-current", "location");
});

test("every section is laid out once the page is idle, so the page has its real height", async ({ page }) => {
  await gotoLesson(page);
  const sections = page.locator("#lesson-body > section.lesson-section");
  await expect(sections).toHaveCount(lessonHeadings().filter((h) => h.depth === 2).length);
  await expect(page.locator("#lesson-body section.lesson-section:not([data-laid-out])")).toHaveCount(0);
  const everySection = page.locator("#lesson-body section.lesson-section");
  expect(await everySection.evaluateAll((all) => all.map((s) => getComputedStyle(s).contentVisibility))).not.toContain("auto");
});

test("a jump from the table of contents lands on its section even before the sections below are laid out", async ({ page }) => {
  // When the page is idle is the browser's to say; here it never is, so only the jump itself can lay them out.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await gotoLesson(page);
  await expect(page.locator("#lesson-body section.lesson-section:not([data-laid-out])").first()).toBeAttached();
  // Far down, yet with enough below it for the window to bring it to the top.
  const sections = lessonHeadings().filter((h) => h.depth === 2);
  const target = sections[Math.floor(sections.length * 0.7)];
  if (!target) throw new Error("the lesson has no sections");
  await page.getByRole("navigation", { name: "Table of contents" }).getByRole("link", { name: target.text, exact: true }).click();
  // Smooth scrolling: wait for it to settle on the heading, near the top of the window.
  await expect.poll(() => page.locator(`h2#${target.id}`).evaluate((h) => Math.round(h.getBoundingClientRect().top)), { timeout: 10_000 }).toBeLessThan(60);
  expect(await page.locator(`h2#${target.id}`).evaluate((h) => h.getBoundingClientRect().top)).toBeGreaterThanOrEqual(-5);
});

test("arriving at a late section's address lands on it", async ({ page }) => {
  const sections = lessonHeadings().filter((h) => h.depth === 2);
  const target = sections[Math.floor(sections.length * 0.7)];
  if (!target) throw new Error("the lesson has no sections");
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto(`${lessonUrl}#${target.id}`);
  const top = () => page.locator(`h2#${target.id}`).evaluate((h) => Math.round(h.getBoundingClientRect().top));
  await expect.poll(top, { timeout: 10_000 }).toBeLessThan(60);
  expect(await top()).toBeGreaterThanOrEqual(-5);
});

test("a reload and a step back keep the reader where they were in the lesson", async ({ page }) => {
  const sections = lessonHeadings().filter((h) => h.depth === 2);
  const target = sections[Math.floor(sections.length * 0.7)];
  if (!target) throw new Error("the lesson has no sections");
  await page.setViewportSize({ width: 412, height: 823 });
  await gotoLesson(page);
  await expect(page.locator("#lesson-body section.lesson-section:not([data-laid-out])")).toHaveCount(0);
  const heading = page.locator(`h2#${target.id}`);
  await heading.evaluate((h) => window.scrollTo({ top: h.getBoundingClientRect().top + window.scrollY - 10, behavior: "instant" }));
  const top = () => heading.evaluate((h) => Math.round(h.getBoundingClientRect().top));
  const stillThere = async () => {
    await expect.poll(top, { timeout: 10_000 }).toBeLessThan(60);
    expect(await top()).toBeGreaterThanOrEqual(-5);
  };
  await page.reload();
  await stillThere();
  await page.goto("/learn/containers");
  await page.goBack();
  await stillThere();
});

test("key terms link to the glossary and show their definition on focus", async ({ page }) => {
  await gotoLesson(page);
  const terms = lessonData.keyTerms as { term: string; definition: string }[];
  const glossary = page.locator("dl.glossary");
  await expect(glossary.locator("dt")).toHaveCount(terms.length);

  const firstTerm = page.locator("#main .term-ref").first();
  const link = firstTerm.locator(".term-link");
  const href = await link.getAttribute("href");
  const tip = firstTerm.locator(".term-tip");
  await expect(tip).toBeHidden();
  await link.focus();
  await expect(tip).toBeVisible();
  // textContent, not innerText: the glossary's section may not be laid out yet (content-visibility), and innerText
  // of content the browser has skipped is empty (flaked in CI).
  await expect(tip).toHaveText((await page.locator(`${href}-definition`).textContent()) ?? "");
  await expect(page.locator("pre .term-link, code .term-link, h2 .term-link, h3 .term-link")).toHaveCount(0);
});

test("a ticked checklist item stays ticked after a reload", async ({ page }) => {
  await gotoLesson(page);
  const item = page.getByRole("checkbox", { name: firstItem, exact: true });
  await expect(item).not.toBeChecked();
  await item.check();
  await expect(item).toBeChecked();
  await page.reload();
  await expect(page.getByRole("button", { name: "Copy code" }).first()).toBeVisible();
  await expect(page.getByRole("checkbox", { name: firstItem, exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: secondItem, exact: true })).not.toBeChecked();
});

test("dark mode follows the toggle and is remembered", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "light" });
  const page = await context.newPage();
  await gotoLesson(page);
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "light");
  const toggle = page.getByRole("button", { name: "Dark mode" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await toggle.click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBackground);

  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await context.close();
});

test("the lesson follows a dark system theme before any choice", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto(lessonUrl);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await context.close();
});

test("the lesson reads fully with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(lessonUrl);
  for (const heading of lessonHeadings()) {
    await expect(page.locator(`h${heading.depth}#${heading.id}`), heading.text).toContainText(heading.text);
  }
  await expect(page.getByRole("heading", { level: 2, name: "What you will be able to do" })).toBeVisible();
  for (const objective of lessonData.objectives as string[]) await expect(page.getByText(objective, { exact: true })).toBeVisible();
  const fences = lessonBody.match(/^\s*```/gm)?.length ?? 0;
  await expect(page.locator("figure pre")).toHaveCount(fences / 2);
  await expect(page.getByText(codeBlock("app.py").split("\n")[0] ?? "")).toBeVisible();
  await expect(page.locator("dl.glossary dt")).toHaveCount((lessonData.keyTerms as unknown[]).length);
  await expect(page.getByRole("checkbox")).toHaveCount((lessonBody.match(/^\s*- \[ \]/gm) ?? []).length);
  await context.close();
});

test("on a 320px phone nothing overflows sideways and the compact contents work", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await gotoLesson(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expect(page.getByRole("navigation", { name: "Table of contents" })).toBeHidden();
  await page.locator("summary", { hasText: "On this page" }).click();
  const compact = page.getByRole("navigation", { name: "On this page" });
  await compact.getByRole("link", { name: "Key terms", exact: true }).click();
  await expect(page).toHaveURL(/#key-terms$/);
  await expect(page.locator("h2#key-terms")).toBeInViewport();
  await context.close();
});

test("an outline lesson says it is being written and shows its plan", async ({ page }) => {
  await page.goto("/learn/containers/kubernetes-basics");
  await expect(page.getByText("Outline — being written").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Planned sections" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Previous lesson/ })).toBeVisible();
});

test("unknown courses, lessons and quick tests answer 404", async ({ page }) => {
  expect((await page.goto("/learn/containers/no-such-lesson"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Lesson not found" })).toBeVisible();
  expect((await page.goto("/learn/containers/no-such-lesson/quiz"))?.status()).toBe(404);
  expect((await page.goto("/learn/no-such-course"))?.status()).toBe(404);
});

for (const theme of ["light", "dark"] as const) {
  test(`catalog, course and lesson pass axe's WCAG 2 AA checks in ${theme} mode`, async ({ browser }) => {
    // axe walks every node of a long lesson: minutes, not seconds, on a busy two-core machine.
    test.setTimeout(300_000);
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    for (const url of ["/", "/learn/containers", lessonUrl, "/learn/containers/kubernetes-basics"]) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const found = results.violations.map((v) => `${url}: ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      expect(found, "accessibility violations").toEqual([]);
    }
    await context.close();
  });
}

test("a full-page screenshot of the lesson is kept as an artifact", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await gotoLesson(page);
  await page.screenshot({ path: path.resolve("artifacts/lesson-page.png"), fullPage: true });
});
