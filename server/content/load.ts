// Reads a course folder from content/ and validates every file with the shared zod schemas. Used by the start
// script and by tests as well as the web, so it stays free of `server-only`.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { courseSchema, lessonFrontMatterSchema, quizSchema, type Course, type LessonFrontMatter, type QuizQuestion } from "@/lib/content";
import { readExerciseFolder, ExerciseFolderError, type ExerciseFolder } from "@/grader/contract/exercise-folder";
import { ContentError } from "./content-error";

export interface LoadedLesson {
  slug: string;
  position: number;
  frontMatter: LessonFrontMatter;
  body: string;
  /** Hash of the lesson file as written: a new revision is stored only when it changes. */
  contentHash: string;
  quiz: QuizQuestion[];
  exercises: (ExerciseFolder & { contentHash: string })[];
}

export interface LoadedCourse {
  course: Course;
  contentHash: string;
  lessons: LoadedLesson[];
}

export function hashOf(value: unknown): string {
  return createHash("sha256").update(typeof value === "string" ? value : JSON.stringify(value)).digest("hex");
}

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

function validate<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw ContentError.fromZod(relative(file), parsed.error);
  return parsed.data;
}

async function readYaml(file: string): Promise<unknown> {
  const text = await fs.readFile(file, "utf8");
  try {
    return parseYaml(text);
  } catch (err) {
    throw new ContentError(relative(file), [`not valid YAML: ${err instanceof Error ? err.message : String(err)}`]);
  }
}

async function loadLesson(courseDir: string, slug: string, position: number): Promise<LoadedLesson> {
  const dir = path.join(courseDir, slug);
  const lessonFile = path.join(dir, "lesson.md");
  if (!existsSync(lessonFile)) throw new ContentError(relative(lessonFile), ["file is missing (the course lists this lesson)"]);
  const raw = await fs.readFile(lessonFile, "utf8");
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(raw);
  } catch (err) {
    throw new ContentError(relative(lessonFile), [`front matter is not valid YAML: ${err instanceof Error ? err.message : String(err)}`]);
  }
  const frontMatter = validate(lessonFrontMatterSchema, parsed.data, lessonFile);

  const quizFile = path.join(dir, "quiz.yaml");
  const quiz = existsSync(quizFile) ? validate(quizSchema, await readYaml(quizFile), quizFile).questions : [];

  const exercisesDir = path.join(dir, "exercises");
  const exercises: LoadedLesson["exercises"] = [];
  if (existsSync(exercisesDir)) {
    const slugs = (await fs.readdir(exercisesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const exerciseSlug of slugs) {
      try {
        const folder = await readExerciseFolder(fs, path.join(exercisesDir, exerciseSlug));
        exercises.push({ ...folder, contentHash: hashOf(folder) });
      } catch (err) {
        if (err instanceof ExerciseFolderError) throw new ContentError(relative(err.file), err.issues);
        throw err;
      }
    }
  }

  return { slug, position, frontMatter, body: parsed.content.trim(), contentHash: hashOf(raw), quiz, exercises };
}

export async function loadCourse(courseDir: string): Promise<LoadedCourse> {
  const courseFile = path.join(courseDir, "course.yaml");
  const course = validate(courseSchema, await readYaml(courseFile), courseFile);
  if (course.slug !== path.basename(courseDir)) {
    throw new ContentError(relative(courseFile), [`slug: "${course.slug}" must match its folder name "${path.basename(courseDir)}"`]);
  }
  const lessons: LoadedLesson[] = [];
  for (const [position, slug] of course.lessons.entries()) lessons.push(await loadLesson(courseDir, slug, position));
  return { course, contentHash: hashOf(course), lessons };
}

/** Every course under the content root (a folder with a course.yaml). */
export async function loadAllContent(contentRoot: string): Promise<LoadedCourse[]> {
  const dirs = (await fs.readdir(contentRoot, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && existsSync(path.join(contentRoot, d.name, "course.yaml")))
    .map((d) => d.name)
    .sort();
  const courses: LoadedCourse[] = [];
  for (const dir of dirs) courses.push(await loadCourse(path.join(contentRoot, dir)));
  return courses;
}
