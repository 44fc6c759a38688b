// Course archives (issue 16, part 2) through the real route handlers on a real database: the built-in course
// exported and imported under a new slug renders the same lesson HTML, and archives are treated as the untrusted
// input they are — traversal, absolute names, links, binary files, bombs and floods are refused with the entry at
// fault, and content errors name the file, the field and the line.
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ArchiveIssue, CourseImported, ErrorBody } from "@/lib/api/answers";
import { loadAllContent } from "@/server/content/load";
import { syncContent } from "@/server/content/sync";
import { storedRendering } from "@/server/markdown/stored-renderings";
import { openSecurityDb, pageRequest, sessionCookie, ctx, type SecurityDb } from "@/tests/security/support";

// Next's page cache lives in the Next server, which these handler calls run without: record the tags an import
// revalidates instead (tests/e2e/revalidation.spec.ts shows revalidation working in a real server).
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidateTag: (tag: string) => void revalidated.push(tag) }));

let sec: SecurityDb;
let adminCookie: string;
let builtInArchive: Uint8Array;

beforeAll(async () => {
  sec = await openSecurityDb();
  await syncContent({ db: sec.testDb.prisma }, await loadAllContent(path.resolve("content")));
  adminCookie = await sessionCookie(sec.fx.users.admin);
});

afterAll(async () => {
  await sec?.close();
});

async function exportOf(slug: string): Promise<Response> {
  const { GET } = await import("@/app/api/admin/courses/[slug]/export/route");
  return GET(pageRequest(`/api/admin/courses/${slug}/export`, { cookie: adminCookie }), ctx({ slug }));
}

async function importArchive(archive: Uint8Array, query = "", type = "application/gzip"): Promise<Response> {
  const { POST } = await import("@/app/api/admin/courses/import/route");
  return POST(pageRequest(`/api/admin/courses/import${query}`, { method: "POST", cookie: adminCookie, body: new Uint8Array(archive), headers: { "content-type": type } }));
}

async function issuesOf(response: Response): Promise<ArchiveIssue[]> {
  expect(response.status).toBe(422);
  const body = (await response.json()) as ErrorBody;
  return (body.error.details?.issues ?? []) as ArchiveIssue[];
}

type Entry = { name: string; text?: string; type?: "file" | "symlink" | "link" | "directory"; linkname?: string };

async function tarGz(entries: Entry[]): Promise<Uint8Array> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const e of entries) {
    if (e.type && e.type !== "file") pack.entry({ name: e.name, type: e.type, linkname: e.linkname });
    else pack.entry({ name: e.name }, e.text ?? "");
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

const course = (slug: string, lessons = ["first"]) =>
  `slug: ${slug}\ntitle: Tiny\nsummary: A tiny course.\nlessons: [${lessons.join(", ")}]\nlearningPath:\n  - { stage: Start, title: Go, lesson: ${lessons[0]} }\n`;
const lessonMd = "---\ntitle: First\nsummary: The first lesson.\nminutes: 5\nobjectives: [Read]\n---\n\n## Hello\n\nText.\n";
const tiny = (slug: string): Entry[] => [
  { name: `${slug}/course.yaml`, text: course(slug) },
  { name: `${slug}/first/lesson.md`, text: lessonMd },
];

describe("round trip", () => {
  it("exports the built-in course as content/ files", async () => {
    const response = await exportOf("containers");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="containers.tar.gz"');
    builtInArchive = new Uint8Array(await response.arrayBuffer());
    const names: string[] = [];
    const extract = tar.extract();
    extract.end(gunzipSync(builtInArchive));
    for await (const entry of extract) {
      names.push(entry.header.name);
      entry.resume();
    }
    expect(names).toContain("containers/course.yaml");
    expect(names).toContain("containers/dockerize-a-service/lesson.md");
    expect(names).toContain("containers/dockerize-a-service/quiz.yaml");
    expect(names).toContain("containers/dockerize-a-service/exercises/first-service/exercise.yaml");
    expect(names).toContain("containers/dockerize-a-service/exercises/first-service/solution/Dockerfile");
    // The exercise fully: its mistake cases and what each must get, as content/ lays them out.
    expect(names).toContain("containers/dockerize-a-service/exercises/first-service/expected.yaml");
    expect(names).toContain("containers/dockerize-a-service/exercises/first-service/mistakes/wrong-port/Dockerfile");
  });

  it("imported under a new slug, every lesson renders the same HTML, with the same quiz and exercises", async () => {
    const response = await importArchive(builtInArchive, "?slug=containers-copy");
    expect(response.status).toBe(201);
    const imported = (await response.json()) as CourseImported;
    // Exercise slugs are unique site-wide: the copy's are renamed, never taken from the built-in course.
    const builtInExercises = await sec.testDb.prisma.exercise.findMany({ where: { lesson: { course: { slug: "containers" } } }, select: { slug: true } });
    expect(builtInExercises.length).toBeGreaterThan(0);
    expect(imported).toEqual({
      slug: "containers-copy",
      published: true,
      renamedExercises: Object.fromEntries(builtInExercises.map(({ slug }) => [slug, `containers-copy-${slug}`])),
    });
    const prisma = sec.testDb.prisma;
    const lessonsOf = (slug: string) =>
      prisma.lesson.findMany({
        where: { course: { slug } },
        orderBy: { position: "asc" },
        select: {
          slug: true,
          state: true,
          currentRevision: { select: { title: true, summary: true, minutes: true, objectives: true, keyTerms: true, outline: true, body: true } },
          quizQuestions: { orderBy: { position: "asc" }, select: { key: true, kind: true, prompt: true, data: true, explanation: true } },
          exercises: { orderBy: { position: "asc" }, select: { title: true, spec: true, starter: true, solution: true, mistakes: true, expected: true } },
        },
      });
    // The same exercises but for their slugs (renamed above): spec, starter, solution, mistake cases and outcomes.
    const unslugged = async (slug: string) =>
      (await lessonsOf(slug)).map((l) => ({ ...l, exercises: l.exercises.map((e) => ({ ...e, spec: { ...(e.spec as object), slug: undefined } })) }));
    const [original, copy] = [await unslugged("containers"), await unslugged("containers-copy")];
    expect(copy.length).toBe(original.length);
    expect(copy).toEqual(original);
    const mistakes = original.flatMap((l) => l.exercises.map((e) => Object.keys(e.mistakes as object).length));
    expect(mistakes.some((n) => n > 0)).toBe(true);
    for (const lesson of copy) {
      const revision = lesson.currentRevision;
      if (!revision) throw new Error(`no revision for ${lesson.slug}`);
      const source = original.find((l) => l.slug === lesson.slug)?.currentRevision;
      const keyTerms = revision.keyTerms as { term: string; aliases: string[]; definition: string }[];
      const [a, b] = [await storedRendering(prisma, source?.body ?? "", keyTerms), await storedRendering(prisma, revision.body, keyTerms)];
      expect(b.html).toBe(a.html);
      expect(b.html.length).toBeGreaterThan(100);
    }
    expect(revalidated).toEqual(["catalog", "course:containers-copy"]);
    const copyCourse = await prisma.course.findUniqueOrThrow({ where: { slug: "containers-copy" } });
    expect(copyCourse).toMatchObject({ source: "AUTHORED", state: "PUBLISHED" });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { subject: "course:containers-copy" } });
    expect(audit).toMatchObject({ action: "course.import", actorId: sec.fx.users.admin.id });
  });

  it("importing the same archive again writes no new revision", async () => {
    const before = await sec.testDb.prisma.lessonRevision.count();
    expect((await importArchive(builtInArchive, "?slug=containers-copy")).status).toBe(201);
    expect(await sec.testDb.prisma.lessonRevision.count()).toBe(before);
  });

  it("never writes over a built-in course", async () => {
    const response = await importArchive(builtInArchive);
    expect(response.status).toBe(409);
    expect(((await response.json()) as ErrorBody).error.message).toMatch(/content\/containers\//);
  });

  it("?draft=1 keeps the course from learners", async () => {
    const response = await importArchive(await tarGz(tiny("tiny")), "?draft=1");
    expect(response.status).toBe(201);
    expect(await sec.testDb.prisma.course.findUniqueOrThrow({ where: { slug: "tiny" }, select: { state: true } })).toEqual({ state: "DRAFT" });
  });

  it("takes a .zip too", async () => {
    const zip = zipSync({ "zipped/course.yaml": strToU8(course("zipped")), "zipped/first/lesson.md": strToU8(lessonMd) });
    const response = await importArchive(zip, "", "application/zip");
    expect(response.status).toBe(201);
    expect(((await response.json()) as CourseImported).slug).toBe("zipped");
  });
});

describe("validation errors name the file, the field and the line", () => {
  it("a front matter field of the wrong type", async () => {
    const bad = lessonMd.replace("minutes: 5", "minutes: five");
    const issues = await issuesOf(await importArchive(await tarGz([{ name: "tiny2/course.yaml", text: course("tiny2") }, { name: "tiny2/first/lesson.md", text: bad }])));
    expect(issues).toEqual([{ file: "tiny2/first/lesson.md", field: "minutes", line: 4, message: expect.any(String) as string }]);
  });

  it("a quiz answer that is not an option, and YAML that does not parse", async () => {
    const quiz = "questions:\n  - id: q\n    kind: single\n    prompt: P?\n    explanation: E.\n    options:\n      - { id: a, text: A }\n      - { id: b, text: B }\n    answer: c\n";
    const issues = await issuesOf(await importArchive(await tarGz([...tiny("tiny3"), { name: "tiny3/first/quiz.yaml", text: quiz }])));
    expect(issues).toEqual([{ file: "tiny3/first/quiz.yaml", field: "questions.0.answer", line: 9, message: "answer must be one of the option ids" }]);
    const broken = await issuesOf(await importArchive(await tarGz([{ name: "tiny4/course.yaml", text: "slug: tiny4\ntitle: [unclosed\n" }])));
    expect(broken[0]).toMatchObject({ file: "tiny4/course.yaml", line: expect.any(Number) as number });
  });
});

describe("untrusted archives", () => {
  it("refuses names that climb out, absolute names, links and binary files, listing each", async () => {
    const issues = await issuesOf(
      await importArchive(
        await tarGz([
          ...tiny("evil"),
          { name: "evil/../../etc/passwd", text: "x" },
          { name: "/etc/shadow", text: "x" },
          { name: "evil/link", type: "symlink", linkname: "/etc/passwd" },
          { name: "evil/hard", type: "link", linkname: "evil/course.yaml" },
          { name: "evil/first/image.png", text: "\u0000PNG" },
        ]),
      ),
    );
    expect(issues.map((i) => i.file)).toEqual(["evil/../../etc/passwd", "/etc/shadow", "evil/link", "evil/hard", "evil/first/image.png"]);
    expect(await sec.testDb.prisma.course.findUnique({ where: { slug: "evil" } })).toBeNull();
  });

  it("refuses a zip whose names climb out", async () => {
    const zip = zipSync({ "z/course.yaml": strToU8(course("z")), "z/first/lesson.md": strToU8(lessonMd), "../outside.txt": strToU8("x") });
    expect((await issuesOf(await importArchive(zip, "", "application/zip"))).map((i) => i.file)).toEqual(["../outside.txt"]);
  });

  it("stops a gzip bomb at the expanded limit", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    const issues = await issuesOf(await importArchive(bomb));
    expect(issues[0]?.message).toMatch(/expands to more than/);
  });

  it("refuses a zip that declares more than the expanded limit before inflating it", async () => {
    const zip = zipSync({ "big/a": new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
    expect((await issuesOf(await importArchive(zip, "", "application/zip")))[0]?.message).toMatch(/expands to more than/);
  });

  it("refuses a body over the upload limit before reading it, and anything but gzip or zip", async () => {
    const { POST } = await import("@/app/api/admin/courses/import/route");
    const big = await POST(pageRequest("/api/admin/courses/import", { method: "POST", cookie: adminCookie, body: new Uint8Array(11 * 1024 * 1024), headers: { "content-type": "application/gzip" } }));
    expect(big.status).toBe(413);
    expect((await issuesOf(await importArchive(new TextEncoder().encode("just text"))))[0]?.message).toMatch(/neither gzip nor zip/);
    const json = await importArchive(await tarGz(tiny("typed")), "", "application/json");
    expect(json.status).toBe(415);
  });

  it("refuses an archive that is not one course folder, and a slug that is not a slug", async () => {
    expect((await importArchive(await tarGz([{ name: "course.yaml", text: course("loose") }]))).status).toBe(422);
    expect((await importArchive(await tarGz(tiny("okay")), "?slug=Not%20A%20Slug")).status).toBe(422);
  });
});
