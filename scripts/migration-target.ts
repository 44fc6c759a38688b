// Where migrations go: a PostgreSQL server when DATABASE_URL is set, else PGlite in PGLITE_DIR. Here in scripts/
// rather than in prisma/, because it reads the web's env and opens its database, and prisma/ imports nothing of the app.
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { parseWebEnv } from "../server/env";
import { openPglite } from "../server/db-client";

export async function adapterFactoryFromEnv(): Promise<{
  factory: SqlMigrationAwareDriverAdapterFactory;
  label: string;
  close: () => Promise<void>;
}> {
  const env = parseWebEnv(process.env);
  if (env.DATABASE_URL) {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return { factory: new PrismaPg({ connectionString: env.DATABASE_URL }), label: "postgres", close: () => Promise.resolve() };
  }
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const dir = path.resolve(env.PGLITE_DIR);
  const pglite = await openPglite(dir);
  return { factory: new PrismaPGlite(pglite), label: `pglite ${dir}`, close: () => pglite.close() };
}
