// The reading pages and the quick test are cached whole and shared by every reader (ISR), yet a published edit shows
// on the very next request and a signed-in reader still gets their own ticks, read marks and best score. Real parts:
// the production build, the content sync an admin triggers in the running server, the demo accounts, Debian's Chromium.
//
// The edit is made to the real lesson file (content sync reads content/) and undone, and synced back, after.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { checklistItems } from "./lesson-content";
import { signedIn } from "./demo-accounts";

const lessonUrl = "/learn/containers/dockerize-a-service";
const lessonFile = path.resolve("content/containers/dockerize-a-service/lesson.md");
const sectionsKey = "shipshape:sections:containers/dockerize-a-service";
const [item = "", otherItem = ""] = checklistItems(readFileSync(lessonFile, "utf8"));

/** Answered from a cache: the reading-page cache in front of Next (server/http/reading-page-cache.ts) or Next's ISR cache. */
function fromCache(response: APIResponse): boolean {
  const headers = response.headers();
  return headers["x-reading-page-cache"] === "HIT" || headers["x-nextjs-cache"] === "HIT";
}

// As the browser sends it from one of our pages: state-changing routes check Origin.
const syncContent = (request: APIRequestContext, baseURL: string) => request.post("/api/admin/content-sync", { headers: { origin: baseURL } });

test("a content sync of an edited lesson is on the next request to its lesson and course pages", async ({ browser, request, baseURL }) => {
  test.setTimeout(180_000);
  if (!baseURL) throw new Error("no baseURL");
  const original = readFileSync(lessonFile, "utf8");
  const marker = `Revalidation marker ${Date.now()}`;
  const admin = await signedIn(browser, "admin");
  try {
    // Cached: the second request is served from the page cache, not rendered.
    await request.get(lessonUrl);
    const cached = await request.get(lessonUrl);
    expect(fromCache(cached)).toBe(true);
    expect(await cached.text()).not.toContain(marker);
    // Held whole by the reading-page cache in front of Next, which fills itself just after Next's first answer.
    await expect.poll(async () => (await request.get(lessonUrl)).headers()["x-reading-page-cache"]).toBe("HIT");

    // Nobody but an admin may trigger a sync.
    expect((await syncContent(request, baseURL)).status()).toBe(401);
    const learner = await signedIn(browser, "learner");
    expect((await syncContent(learner.request, baseURL)).status()).toBe(403);
    await learner.context().close();

    writeFileSync(lessonFile, original.replace(/^title: .*$/m, (line) => `${line} (edited)`) + `\n\n${marker}\n`);
    const synced = await syncContent(admin.request, baseURL);
    expect(synced.status()).toBe(200);
    expect(await synced.json()).toMatchObject({ revisionsCreated: 1, changedCourses: ["containers"] });

    expect(await (await request.get(lessonUrl)).text()).toContain(marker);
    const page = await (await browser.newContext()).newPage();
    await page.goto(lessonUrl);
    await expect(page.getByText(marker)).toBeVisible();
    await page.goto("/learn/containers");
    await expect(page.getByRole("link", { name: /\(edited\)/ })).toBeVisible();
    // And it is cached again from then on.
    expect(fromCache(await request.get(lessonUrl))).toBe(true);
    await page.context().close();
  } finally {
    writeFileSync(lessonFile, original);
    expect((await syncContent(admin.request, baseURL)).status()).toBe(200);
    await admin.context().close();
  }
  expect(await (await request.get(lessonUrl)).text()).not.toContain(marker);
});

test("a signed-in reader gets their own ticks and read marks on the shared cached page", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const first = await signedIn(browser, "learner");
  // The page brings the account's marks in once it loads; a tick is made after that, as a reader would.
  const accountMarks = first.waitForResponse((r) => r.url().includes("/api/progress?course=") && r.request().method() === "GET");
  await first.goto(lessonUrl);
  expect((await accountMarks).status()).toBe(200);
  await expect(first.getByRole("button", { name: "Copy code" }).first()).toBeVisible();
  const ticked = first.waitForResponse((r) => r.url().endsWith("/api/progress") && r.request().method() === "POST" && r.request().postData()?.includes("checklist-item") === true);
  await first.getByRole("checkbox", { name: item, exact: true }).check();
  expect((await ticked).status()).toBe(200);
  // Reading to the end marks the sections read.
  const read = first.waitForResponse((r) => r.url().endsWith("/api/progress") && r.request().postData()?.includes("section-read") === true);
  const lastSection = await first.locator("#lesson-body h2[id]").last().getAttribute("id");
  // To the end of the lesson's text (the practice links and pager below it are not part of any section).
  await first.locator("#lesson-body > :last-child").evaluate((end) => end.scrollIntoView({ block: "end", behavior: "instant" }));
  expect((await read).status()).toBe(200);
  await first.context().close();

  // The page itself is the same for everyone: cached, and nothing of the learner's in it.
  const shared = await request.get(lessonUrl);
  expect(fromCache(shared)).toBe(true);
  expect(await shared.text()).not.toContain("Demo Learner");

  // A browser that never saw this learner's progress gets it from the account.
  const second = await signedIn(browser, "learner");
  await second.goto(lessonUrl);
  await expect(second.getByRole("checkbox", { name: item, exact: true })).toBeChecked();
  await expect(second.getByRole("checkbox", { name: otherItem, exact: true })).not.toBeChecked();
  await expect.poll(() => second.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "[]") as string[], sectionsKey)).toContain(lastSection);
  await second.context().close();
});

test("the quick test is one cached page for everyone: a signed-in learner gets their best score, a synced edit shows at once", async ({ browser, request, baseURL }) => {
  test.setTimeout(180_000);
  if (!baseURL) throw new Error("no baseURL");
  const quizUrl = `${lessonUrl}/quiz`;
  const quizFile = path.resolve("content/containers/dockerize-a-service/quiz.yaml");
  const original = readFileSync(quizFile, "utf8");
  const marker = `Revalidation marker ${Date.now()}`;

  // A finished attempt in the learner's account, scored by the server (no answers: 0%).
  const learner = await signedIn(browser, "learner");
  const saved = await learner.request.post("/api/progress/quiz-attempts", {
    headers: { origin: baseURL },
    data: { clientId: crypto.randomUUID(), course: "containers", lesson: "dockerize-a-service", answers: {} },
  });
  expect(saved.status()).toBe(201);

  await request.get(quizUrl);
  await expect.poll(async () => fromCache(await request.get(quizUrl))).toBe(true);
  expect(await (await request.get(quizUrl)).text()).not.toContain("best so far");
  await learner.goto(quizUrl);
  await expect(learner.getByTestId("quiz-progress")).toContainText(/your best so far: \d+%/);
  await learner.context().close();

  const admin = await signedIn(browser, "admin");
  try {
    writeFileSync(quizFile, original.replace(/^( {4}prompt: ).*$/m, `$1${marker}?`));
    const synced = await syncContent(admin.request, baseURL);
    expect(synced.status()).toBe(200);
    expect(await synced.json()).toMatchObject({ changedCourses: ["containers"] });
    expect(await (await request.get(quizUrl)).text()).toContain(marker);
  } finally {
    writeFileSync(quizFile, original);
    expect((await syncContent(admin.request, baseURL)).status()).toBe(200);
    await admin.context().close();
  }
  expect(await (await request.get(quizUrl)).text()).not.toContain(marker);
});
