import "server-only";
// An exercise's stored file sets read back: Json columns hold what a sync, an import or the editor wrote, and a past
// version of the app may have written something else, so each is checked on the way out rather than cast.
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
