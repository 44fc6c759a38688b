// Reads a course folder from content/ and validates every file with the shared zod schemas. Used by the start
// script and by tests as well as the web, so it stays free of `server-only`. The files come from the disk, or from
// an archive an admin uploads (server/authoring/course-archive.ts), read into memory: one loader for both, so an
// import is held to exactly the rules of content/.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import nodeFs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { courseSchema, lessonFrontMatterSchema, quizSchema, type Course, type LessonFrontMatter, type QuizQuestion } from "@/lib/content";
import { readExerciseFolder, ExerciseFolderError, type ExerciseFolder, type FolderReader } from "@/grader/contract/exercise-folder";
import { readExerciseCases, type ExerciseCases } from "@/grader/contract/exercise-cases";
import { yamlLineFinder, type LineOf } from "@/lib/content/yaml-lines";
import { ContentError } from "./content-error";

/** Where a course's files are read from: the disk, or an archive in memory (server/content/memory-files.ts). */
export interface ContentFiles extends FolderReader {
  exists(file: string): boolean;
  /** Files are named in errors relative to this folder. */
  root: string;
}

export const diskFiles = (root = process.cwd()): ContentFiles => ({
  readFile: (file, encoding) => nodeFs.readFile(file, encoding),
  readdir: (dir, options) => nodeFs.readdir(dir, options),
  exists: existsSync,
  root,
});

export interface LoadedLesson {
  slug: string;
  position: number;
  frontMatter: LessonFrontMatter;
  body: string;
  /** Hash of the lesson file as written: a new revision is stored only when it changes. */
  contentHash: string;
  quiz: QuizQuestion[];
  /** Each exercise folder with its mistakes/ and expected.yaml; the hash covers them all. */
  exercises: (ExerciseFolder & ExerciseCases & { contentHash: string })[];
}

export interface LoadedCourse {
  course: Course;
  contentHash: string;
  lessons: LoadedLesson[];
}

export function hashOf(value: unknown): string {
  return createHash("sha256").update(typeof value === "string" ? value : JSON.stringify(value)).digest("hex");
}

class Reader {
  constructor(readonly files: ContentFiles) {}

  name(file: string): string {
    return path.relative(this.files.root, file) || file;
  }

  validate<T>(schema: z.ZodType<T>, data: unknown, file: string, lineOf?: LineOf): T {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw ContentError.fromZod(this.name(file), parsed.error, lineOf);
    return parsed.data;
  }

  /** A YAML file validated, with the lines of its fields for the errors. */
  async yaml<T>(schema: z.ZodType<T>, file: string): Promise<T> {
    return parseYamlText(schema, await this.files.readFile(file, "utf8"), this.name(file));
  }
}

/** YAML text validated with a content schema; a ContentError names `name`, the field and the line. */
export function parseYamlText<T>(schema: z.ZodType<T>, text: string, name: string): T {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new ContentError(name, [{ line: yamlErrorLine(err), message: `not valid YAML: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw ContentError.fromZod(name, parsed.error, yamlLineFinder(text));
  return parsed.data;
}

function yamlErrorLine(err: unknown): number | undefined {
  const linePos = (err as { linePos?: { line: number }[] } | null)?.linePos;
  return linePos?.[0]?.line;
}

async function loadLesson(reader: Reader, courseDir: string, slug: string, position: number): Promise<LoadedLesson> {
  const { files } = reader;
  const dir = path.join(courseDir, slug);
  const lessonFile = path.join(dir, "lesson.md");
  if (!files.exists(lessonFile)) throw ContentError.of(reader.name(lessonFile), ["file is missing (the course lists this lesson)"]);
  const raw = await files.readFile(lessonFile, "utf8");
  let parsed: matter.GrayMatterFile<string>;
  try {
    // No cache: gray-matter caches by text, and hands a second caller the first one's (mutated) result.
    parsed = matter(raw, {});
  } catch (err) {
    throw new ContentError(reader.name(lessonFile), [{ line: yamlErrorLine(err), message: `front matter is not valid YAML: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  // gray-matter's front matter text starts with the newline ending the opening ---, so its lines are the file's.
  const frontMatter = reader.validate(lessonFrontMatterSchema, parsed.data, lessonFile, yamlLineFinder(parsed.matter));

  const quizFile = path.join(dir, "quiz.yaml");
  const quiz = files.exists(quizFile) ? (await reader.yaml(quizSchema, quizFile)).questions : [];

  const exercisesDir = path.join(dir, "exercises");
  const exercises: LoadedLesson["exercises"] = [];
  if (files.exists(exercisesDir)) {
    const slugs = (await files.readdir(exercisesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const exerciseSlug of slugs) {
      try {
        const exerciseDir = path.join(exercisesDir, exerciseSlug);
        const folder = { ...(await readExerciseFolder(files, exerciseDir)), ...(await readExerciseCases(files, exerciseDir)) };
        exercises.push({ ...folder, contentHash: hashOf(folder) });
      } catch (err) {
        if (err instanceof ExerciseFolderError) throw ContentError.of(reader.name(err.file), err.issues);
        throw err;
      }
    }
  }

  return { slug, position, frontMatter, body: parsed.content.trim(), contentHash: hashOf(raw), quiz, exercises };
}

export async function loadCourse(courseDir: string, files: ContentFiles = diskFiles()): Promise<LoadedCourse> {
  const reader = new Reader(files);
  const courseFile = path.join(courseDir, "course.yaml");
  if (!files.exists(courseFile)) throw ContentError.of(reader.name(courseFile), ["file is missing (every course folder has one)"]);
  const course = await reader.yaml(courseSchema, courseFile);
  if (course.slug !== path.basename(courseDir)) {
    throw ContentError.of(reader.name(courseFile), [`slug: "${course.slug}" must match its folder name "${path.basename(courseDir)}"`]);
  }
  const lessons: LoadedLesson[] = [];
  for (const [position, slug] of course.lessons.entries()) lessons.push(await loadLesson(reader, courseDir, slug, position));
  return { course, contentHash: hashOf(course), lessons };
}

/** Every course under the content root (a folder with a course.yaml). */
export async function loadAllContent(contentRoot: string): Promise<LoadedCourse[]> {
  const files = diskFiles();
  const dirs = (await files.readdir(contentRoot, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && files.exists(path.join(contentRoot, d.name, "course.yaml")))
    .map((d) => d.name)
    .sort();
  const courses: LoadedCourse[] = [];
  for (const dir of dirs) courses.push(await loadCourse(path.join(contentRoot, dir), files));
  return courses;
}
