// Opens a Prisma client on either database the platform supports. Kept free of `server-only` and of env
// parsing so the start script, the migration runner's tests and the integration tests share it.
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "@/generated/prisma/client";

export type DbTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string | null };

export interface DbHandle {
  prisma: PrismaClient;
  target: DbTarget;
  /** Closes the client and, for PGlite, the embedded database (Prisma's $disconnect does not). */
  close(): Promise<void>;
}

export function describeTarget(target: DbTarget): string {
  if (target.kind === "postgres") return `postgres ${new URL(target.url).host}${new URL(target.url).pathname}`;
  return target.dir ? `pglite ${target.dir}` : "pglite (in memory)";
}

export async function openPglite(dir: string | null): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (dir) mkdirSync(dir, { recursive: true });
  const pglite = dir ? new PGlite(dir) : new PGlite();
  await pglite.waitReady;
  return pglite;
}

export async function openDb(target: DbTarget): Promise<DbHandle> {
  if (target.kind === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
    return { prisma, target, close: () => prisma.$disconnect() };
  }
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const dir = target.dir ? path.resolve(/* turbopackIgnore: true */ process.cwd(), target.dir) : null;
  const pglite = await openPglite(dir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    target,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
