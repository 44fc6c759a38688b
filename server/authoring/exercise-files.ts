import "server-only";
// An exercise's stored file sets read back: Json columns hold what a sync, an import or the editor wrote, and a past
// version of the app may have written something else, so each is checked on the way out rather than cast.
import { stringify } from "yaml";
import { z } from "zod";
import { fileMapSchema, type FileMap } from "@/grader/contract";
import type { Prisma } from "@/generated/prisma/client";

export function fileMapOf(value: Prisma.JsonValue, what: string): FileMap {
  const parsed = fileMapSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${what} is not a file map`);
  return parsed.data;
}

export function mistakesOf(value: Prisma.JsonValue): Record<string, FileMap> {
  const parsed = z.record(z.string(), fileMapSchema).safeParse(value);
  if (!parsed.success) throw new Error("the mistake cases are not file maps");
  return parsed.data;
}

/**
 * An exercise's files as its folder in content/ holds them — exercise.yaml, starter/, solution/, mistakes/<case>/,
 * expected.yaml (left out when there is none) — each set and case in name order, so the same content always gives the
 * same list (the export writes it; a revision diff reads it).
 */
export function exerciseFolderFiles(exercise: { slug: string; spec: unknown; starter: Prisma.JsonValue; solution: Prisma.JsonValue; mistakes: Prisma.JsonValue; expected: unknown }): [string, string][] {
  const byName = <T>(record: Record<string, T>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const sets: [string, FileMap][] = [
    ["starter", fileMapOf(exercise.starter, `starter of ${exercise.slug}`)],
    ["solution", fileMapOf(exercise.solution, `solution of ${exercise.slug}`)],
    ...byName(mistakesOf(exercise.mistakes)).map(([name, files]): [string, FileMap] => [`mistakes/${name}`, files]),
  ];
  return [
    ["exercise.yaml", stringify(exercise.spec)],
    ...sets.flatMap(([folder, files]) => byName(files).map(([name, text]): [string, string] => [`${folder}/${name}`, text])),
    ...(exercise.expected === null ? [] : [["expected.yaml", stringify(exercise.expected)] as [string, string]]),
  ];
}
