import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ContentError } from "./content-error";
import { loadAllContent, loadCourse } from "./load";

const lesson = (frontMatter: string, body = "## Section\n\nText.") => `---\n${frontMatter}\n---\n${body}\n`;

const validFrontMatter = `title: Demo lesson
summary: A lesson used by tests.
minutes: 5
objectives: [Read a test fixture]`;

let root: string;

async function write(rel: string, text: string): Promise<void> {
  const file = path.join(root, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

async function writeValidCourse(): Promise<void> {
  await write(
    "demo/course.yaml",
    `slug: demo
title: Demo
summary: A course used by tests.
lessons: [first]
learningPath:
  - { stage: Start, title: The first lesson, lesson: first }
`,
  );
  await write("demo/first/lesson.md", lesson(validFrontMatter));
}

async function loadError(): Promise<ContentError> {
  try {
    await loadCourse(path.join(root, "demo"));
  } catch (err) {
    if (err instanceof ContentError) return err;
    throw err;
  }
  throw new Error("expected the course to be rejected");
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "shipshape-load-"));
  await writeValidCourse();
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("content loading", () => {
  it("reads a valid course with its lesson and defaults", async () => {
    const [course] = await loadAllContent(root);
    expect(course?.course.title).toBe("Demo");
    expect(course?.lessons[0]?.frontMatter).toMatchObject({ title: "Demo lesson", state: "published", keyTerms: [] });
    expect(course?.lessons[0]?.body).toBe("## Section\n\nText.");
  });

  it("names the lesson file and the field when front matter is wrong", async () => {
    await write("demo/first/lesson.md", lesson(validFrontMatter.replace("minutes: 5", "minutes: five")));
    const err = await loadError();
    expect(err.file).toBe(path.relative(process.cwd(), path.join(root, "demo/first/lesson.md")));
    expect(err.message).toMatch(/minutes: .*number/i);
  });

  it("names a missing required field", async () => {
    await write("demo/first/lesson.md", lesson(validFrontMatter.replace(/^summary:.*$/m, "")));
    expect((await loadError()).issues).toEqual([expect.stringMatching(/^summary: /)]);
  });

  it("rejects unknown front-matter keys, catching typos", async () => {
    await write("demo/first/lesson.md", lesson(`${validFrontMatter}\nobjectivs: [typo]`));
    expect((await loadError()).message).toMatch(/objectivs/);
  });

  it("reports front matter that is not YAML at all", async () => {
    await write("demo/first/lesson.md", lesson("title: [unclosed"));
    expect((await loadError()).message).toMatch(/lesson\.md:\n.*not valid YAML/);
  });

  it("points at the quiz question whose answer is not an option", async () => {
    await write(
      "demo/first/quiz.yaml",
      `questions:
  - id: q1
    kind: single
    prompt: Which?
    options: [{ id: a, text: A }, { id: b, text: B }]
    answer: c
    explanation: Because.
`,
    );
    const err = await loadError();
    expect(err.file).toMatch(/quiz\.yaml$/);
    expect(err.issues).toEqual([expect.stringMatching(/^questions\.0\.answer: answer must be one of the option ids/)]);
  });

  it("names a lesson the course lists but that has no file", async () => {
    await write(
      "demo/course.yaml",
      `slug: demo
title: Demo
summary: A course used by tests.
lessons: [first, second]
learningPath:
  - { stage: Start, title: The first lesson, lesson: first }
`,
    );
    const err = await loadError();
    expect(err.file).toMatch(/second\/lesson\.md$/);
    expect(err.issues).toEqual(["file is missing (the course lists this lesson)"]);
  });

  it("catches a learning-path stage that points at an unknown lesson", async () => {
    await write(
      "demo/course.yaml",
      `slug: demo
title: Demo
summary: A course used by tests.
lessons: [first]
learningPath:
  - { stage: Start, title: Somewhere else, lesson: elsewhere }
`,
    );
    expect((await loadError()).issues).toEqual(['learningPath.0.lesson: "elsewhere" is not in lessons']);
  });

  it("names the exercise spec file and field", async () => {
    await write("demo/first/exercises/broken/exercise.yaml", "slug: broken\ntitle: Broken\n");
    await mkdir(path.join(root, "demo/first/exercises/broken/starter"), { recursive: true });
    await mkdir(path.join(root, "demo/first/exercises/broken/solution"), { recursive: true });
    const err = await loadError();
    expect(err.file).toMatch(/exercises\/broken\/exercise\.yaml$/);
    expect(err.message).toMatch(/summary: /);
    expect(err.message).toMatch(/checks: /);
  });
});
