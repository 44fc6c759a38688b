// Guards the built-in courses in content/ against the same schemas the sync and the authoring UI use, so a
// typo in a YAML or front-matter field fails here with the file and the field, not at sync time.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { courseSchema, lessonFrontMatterSchema, quizSchema } from "./index";

const contentRoot = path.resolve(import.meta.dirname, "../../content");

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

function problems(file: string, error: z.ZodError): string {
  const relative = path.relative(contentRoot, file);
  return error.issues.map((issue) => `${relative}: ${issue.path.join(".") || "(root)"}: ${issue.message}`).join("\n");
}

function expectValid<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (!result.success) expect.fail(problems(file, result.error));
  return result.data;
}

const courses = existsSync(contentRoot) ? subfolders(contentRoot) : [];

describe.each(courses)("content/%s", (courseSlug) => {
  const courseDir = path.join(contentRoot, courseSlug);
  const courseFile = path.join(courseDir, "course.yaml");
  const lessonSlugs = subfolders(courseDir);

  it("course.yaml matches the course schema and names its own folder and lessons", () => {
    const course = expectValid(courseSchema, parseYaml(readFileSync(courseFile, "utf8")), courseFile);
    expect(course.slug, "slug must equal the folder name").toBe(courseSlug);
    expect([...course.lessons].sort(), "lessons must list exactly the lesson folders").toEqual([...lessonSlugs].sort());
  });

  it.each(lessonSlugs)("%s/lesson.md front matter is valid and published lessons use every key term", (lessonSlug) => {
    const lessonFile = path.join(courseDir, lessonSlug, "lesson.md");
    const { data, content } = matter(readFileSync(lessonFile, "utf8"));
    const lesson = expectValid(lessonFrontMatterSchema, data, lessonFile);
    expect(content.trim(), `${lessonFile} has no body`).not.toBe("");
    if (lesson.state !== "published") return;

    const body = content.toLowerCase();
    const unused = lesson.keyTerms
      .filter((kt) => ![kt.term, ...kt.aliases].some((name) => body.includes(name.toLowerCase())))
      .map((kt) => kt.term);
    expect(unused, "key terms the body never mentions, so nothing can link to them").toEqual([]);
  });

  it.each(lessonSlugs.filter((slug) => existsSync(path.join(courseDir, slug, "quiz.yaml"))))(
    "%s/quiz.yaml matches the quiz schema",
    (lessonSlug) => {
      const quizFile = path.join(courseDir, lessonSlug, "quiz.yaml");
      const quiz = expectValid(quizSchema, parseYaml(readFileSync(quizFile, "utf8")), quizFile);
      expect(quiz.questions.length).toBeGreaterThan(0);
    },
  );
});
