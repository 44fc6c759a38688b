// The lesson editor's server side (issue 16, part 3) through the real route handlers on a real database: create a
// course and a lesson, save drafts, publish, discard, restore, all audited; built-in courses refused; and an XSS
// corpus in lesson Markdown (preview and the stored rendering learners get) and in quiz text rendering inert.
// First: it sets the env the app's modules read when they load.
import { ctx, openSecurityDb, pageRequest, sessionCookie, type SecurityDb } from "@/tests/security/support";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LessonPreview, RevisionDiff } from "@/lib/api/answers";
import { quizQuestionSchema } from "@/lib/content/quiz-schema";
import { lessonForEditing } from "@/server/authoring/lessons";
import { loadAllContent } from "@/server/content/load";
import { syncContent } from "@/server/content/sync";
import { storedRendering } from "@/server/markdown/stored-renderings";

// Next's page cache lives in the Next server, which these handler calls run without: record the tags instead.
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidateTag: (tag: string) => void revalidated.push(tag) }));

let sec: SecurityDb;
let admin: string;
const lessonPath = "/api/admin/courses/authored/lessons/intro";
const params = ctx({ slug: "authored", lesson: "intro" });

const send = (method: string, url: string, body?: unknown) => pageRequest(url, { method, cookie: admin, body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  sec = await openSecurityDb();
  await syncContent({ db: sec.testDb.prisma }, await loadAllContent(path.resolve("content")));
  admin = await sessionCookie(sec.fx.users.admin);
});

afterAll(async () => {
  await sec?.close();
});

const editor = () => lessonForEditing({ db: sec.testDb.prisma, actor: sec.fx.users.admin }, "authored", "intro");
const frontMatter = { title: "Intro", summary: "The first lesson.", minutes: 7, objectives: ["Build an image"], keyTerms: [] };

describe("authoring a lesson", () => {
  it("creates a draft course and a lesson with a first draft; learners see neither", async () => {
    const courses = await import("@/app/api/admin/courses/route");
    expect((await courses.POST(send("POST", "/api/admin/courses", { slug: "authored", title: "Authored", summary: "Made in the admin area." }))).status).toBe(201);
    const lessons = await import("@/app/api/admin/courses/[slug]/lessons/route");
    expect((await lessons.POST(send("POST", "/api/admin/courses/authored/lessons", { slug: "intro", title: "Intro" }), ctx({ slug: "authored" }))).status).toBe(201);
    const course = await sec.testDb.prisma.course.findUniqueOrThrow({ where: { slug: "authored" }, include: { lessons: true } });
    expect(course).toMatchObject({ source: "AUTHORED", state: "DRAFT", learningPath: [{ stage: "Lesson 1", title: "Intro", lesson: "intro" }] });
    expect(course.lessons[0]).toMatchObject({ state: "DRAFT", currentRevisionId: null });
    expect((await editor()).hasDraft).toBe(true);
  });

  it("saves drafts as revisions by their author, publishes, discards and restores, each audited", async () => {
    const draft = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/draft/route");
    const publish = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/publish/route");
    const discard = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/discard/route");
    const restore = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/restore/route");
    const save = async (body: string) => (await draft.PUT(send("PUT", `${lessonPath}/draft`, { frontMatter, body }), params)).json() as Promise<{ number: number }>;

    expect(await save("## One\n\nFirst words.")).toEqual({ number: 2 });
    // Saving what is already there writes nothing.
    expect(await save("## One\n\nFirst words.")).toEqual({ number: 2 });
    expect((await publish.POST(send("POST", `${lessonPath}/publish`), params)).status).toBe(200);
    expect(revalidated).toEqual(["catalog", "course:authored"]);
    let lesson = await sec.testDb.prisma.lesson.findFirstOrThrow({ where: { slug: "intro", course: { slug: "authored" } }, include: { currentRevision: true, course: true } });
    expect(lesson).toMatchObject({ state: "PUBLISHED", currentRevision: { number: 2, authorId: sec.fx.users.admin.id, minutes: 7 }, course: { state: "PUBLISHED" } });

    expect(await save("## Two\n\nSecond words.")).toEqual({ number: 3 });
    expect((await editor()).hasDraft).toBe(true);
    expect(await (await discard.POST(send("POST", `${lessonPath}/discard`), params)).json()).toEqual({ discarded: 1 });
    expect((await editor()).body).toBe("## One\n\nFirst words.");

    const first = (await editor()).revisions.find((r) => r.number === 1);
    expect(await (await restore.POST(send("POST", `${lessonPath}/restore`, { revisionId: first?.id }), params)).json()).toEqual({ number: 3 });
    expect((await editor()).body).toBe("## Intro\n\nWrite the lesson here.");
    // Learners still read the published revision until the restore is published.
    lesson = await sec.testDb.prisma.lesson.findFirstOrThrow({ where: { slug: "intro", course: { slug: "authored" } }, include: { currentRevision: true, course: true } });
    expect(lesson.currentRevision?.number).toBe(2);

    const actions = (await sec.testDb.prisma.auditEntry.findMany({ where: { subject: `lesson:${lesson.id}` }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["lesson.publish", "lesson.discard", "lesson.restore"]);

    // The restored draft against the published revision, as lesson.md line by line: front matter and body.
    const diffRoute = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/revisions/[revision]/diff/route");
    const third = (await editor()).revisions.find((r) => r.number === 3);
    if (!third) throw new Error("no restored revision");
    const response = await diffRoute.GET(send("GET", `${lessonPath}/revisions/${third.id}/diff`), ctx({ slug: "authored", lesson: "intro", revision: third.id }));
    const diff = (await response.json()) as RevisionDiff;
    expect(diff).toMatchObject({ from: 2, to: 3 });
    const changed = diff.lines.filter((l) => l.kind !== "same");
    expect(changed).toContainEqual({ kind: "removed", text: "minutes: 7" });
    expect(changed).toContainEqual({ kind: "added", text: "minutes: 5" });
    expect(changed).toContainEqual({ kind: "removed", text: "First words." });
    expect(changed).toContainEqual({ kind: "added", text: "Write the lesson here." });
    expect(diff.lines).toContainEqual({ kind: "same", text: "---" });
    expect({ added: diff.added, removed: diff.removed }).toEqual({ added: changed.filter((l) => l.kind === "added").length, removed: changed.filter((l) => l.kind === "removed").length });
    // A revision of another lesson is not this lesson's.
    const other = await diffRoute.GET(send("GET", `${lessonPath}/revisions/x/diff`), ctx({ slug: "authored", lesson: "intro", revision: "no-such-revision" }));
    expect(other.status).toBe(404);
  });

  it("refuses front matter the content schema refuses, naming the field", async () => {
    const draft = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/draft/route");
    const response = await draft.PUT(send("PUT", `${lessonPath}/draft`, { frontMatter: { ...frontMatter, minutes: 0, objectives: [] }, body: "x" }), params);
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toMatch(/minutes.*objectives|objectives.*minutes/);
  });

  it("leaves built-in courses to content/", async () => {
    const draft = await import("@/app/api/admin/courses/[slug]/lessons/[lesson]/draft/route");
    const response = await draft.PUT(send("PUT", "/api/admin/courses/containers/lessons/dockerize-a-service/draft", { frontMatter, body: "x" }), ctx({ slug: "containers", lesson: "dockerize-a-service" }));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/content\/containers\//);
  });
});

// Payloads from the OWASP XSS filter evasion cheat sheet and html5sec.org, as an author might paste them.
const xssCorpus = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "<svg onload=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "![x](javascript:alert(1))",
  '<a href="javascript:alert(1)">a</a>',
  '<div style="background:url(javascript:alert(1))">s</div>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<details open ontoggle="alert(1)">d</details>',
  "<base href=\"https://evil.example/\">",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "```html\n<script>alert(1)</script>\n```",
  "`<img src=x onerror=alert(1)>`",
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>',
  "- [ ] <img src=x onerror=alert(1)> checklist",
];

/** No element, attribute or URL that runs script or restyles the page; escaped text that shows the payload is fine. */
function expectInert(rendered: string): void {
  // The pipeline's own stylesheet for code token colours (server/markdown/compact-highlighted-code.ts) is ours.
  const html = rendered.replace(/<style>(\.tc\d+\{[^<{}]*\})+<\/style>/g, "");
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(iframe|object|embed|form|base|meta|style|svg|math)\b/i);
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/<[^>]*\s(href|src|action)\s*=\s*"\s*(javascript|data|vbscript):/i);
  expect(html).not.toMatch(/<[^>]*\sstyle\s*=/i);
}

describe("XSS corpus", () => {
  it("lesson Markdown: the editor's preview and the stored rendering learners get are inert", async () => {
    const preview = await import("@/app/api/admin/preview/lesson/route");
    const body = xssCorpus.map((payload, i) => `## Case ${i}\n\n${payload}\n`).join("\n");
    const response = await preview.POST(send("POST", "/api/admin/preview/lesson", { body, keyTerms: [{ term: "<img src=x onerror=alert(1)>", aliases: [], definition: '<script>alert("k")</script>' }] }));
    expect(response.status).toBe(200);
    const { html } = (await response.json()) as LessonPreview;
    expect(html).toContain("Case 18");
    expectInert(html);
    // Written as code, the payload is still there for the reader to see, as text.
    expect(html).toMatch(/<code>&#x3C;img src=x onerror=alert\(1\)><\/code>/);
    expectInert((await storedRendering(sec.testDb.prisma, body, [])).html);
  });

  it("quiz text is rendered as text by the quiz a learner takes", async () => {
    const { QuizRunner } = await import("@/components/quiz/quiz-runner");
    const questions = xssCorpus.slice(0, 6).map((payload, i) =>
      quizQuestionSchema.parse({ id: `q${i}`, kind: "single", prompt: `${payload} \`${payload}\``, explanation: payload, options: [{ id: "a", text: payload }, { id: "b", text: `\`${payload}\`` }], answer: "a" }),
    );
    const html = renderToStaticMarkup(createElement(QuizRunner, { course: "c", lesson: "l", questions }));
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expectInert(html);
  });
});
