import type { Prisma } from "@/generated/prisma/client";

/**
 * Marks a value as storable in a Json column. Only for data that came through JSON or YAML and a zod schema:
 * those hold nothing but JSON types, though their inferred TS types (e.g. `Record<string, unknown>`) can't show it.
 */
export function asJson(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}
