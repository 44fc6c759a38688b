import "server-only";
// The web's single database client. PGlite is single-connection with no cross-process lock, so one client
// per process, kept on globalThis to survive dev-server module reloads.
import type { PrismaClient } from "@/generated/prisma/client";
import { env } from "./env";
import { openDb, type DbHandle } from "./db-client";

const holder = globalThis as unknown as { __shipshapeDb?: Promise<DbHandle> };

export async function db(): Promise<PrismaClient> {
  holder.__shipshapeDb ??= openDb(
    env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dir: env.PGLITE_DIR },
  );
  return (await holder.__shipshapeDb).prisma;
}

/**
 * Makes `db()` hand out a database the caller opened (a test's own migrated database): the route handlers and
 * pages then run unchanged against it. Returns the undo.
 */
export function replaceDatabase(prisma: PrismaClient): () => void {
  const before = holder.__shipshapeDb;
  holder.__shipshapeDb = Promise.resolve({ prisma, target: { kind: "pglite", dir: null }, close: () => prisma.$disconnect() });
  return () => {
    holder.__shipshapeDb = before;
  };
}
