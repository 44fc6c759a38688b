// A fresh, migrated database per test file: PGlite in memory by default, or a new database on the PostgreSQL
// server named by DATABASE_URL (CI runs the DB tests both ways). Dropped again by close().
// Creating and migrating a database is the slow part (PGlite's initdb takes seconds), so it happens once per
// migration set: PGlite starts from a dumped data folder, PostgreSQL copies a template database.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { applyMigrations } from "@/prisma/migrate";
import { openPglite } from "@/server/db-client";

export interface TestDb {
  prisma: PrismaClient;
  driver: "pglite" | "postgres";
  close(): Promise<void>;
}

function migrationsHash(): string {
  const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name, "migration.sql");
    if (existsSync(file)) hash.update(name).update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function postgresTemplate(serverUrl: string): Promise<string> {
  const name = `shipshape_template_${migrationsHash()}`;
  const exists = await withAdmin(serverUrl, async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
  if (exists) return name;
  const building = `${name}_${randomBytes(4).toString("hex")}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${building}`));
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // Our own pool, ended before the rename: PostgreSQL refuses to rename a database that has connections.
  const pool = new pg.Pool({ connectionString: databaseUrl(serverUrl, building) });
  try {
    await applyMigrations(new PrismaPg(pool));
  } finally {
    await pool.end();
  }
  // Another worker may have finished first; either template is as good.
  await withAdmin(serverUrl, async (c) => {
    await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`).catch(() => c.query(`DROP DATABASE ${building} WITH (FORCE)`));
  });
  return name;
}

async function postgresTestDb(serverUrl: string): Promise<TestDb> {
  const template = await postgresTemplate(serverUrl);
  const name = `shipshape_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl(serverUrl, name) }) });
  return {
    prisma,
    driver: "postgres",
    close: async () => {
      await prisma.$disconnect();
      await withAdmin(serverUrl, (c) =>
        // FORCE ends what else is connected, but refuses (42501) when that includes an autovacuum worker, which runs
        // as no role ours may signal. A plain drop stops autovacuum itself (waiting up to 5 s) and is all that is left.
        c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error: unknown) => {
          if ((error as { code?: string }).code !== "42501") throw error;
          return c.query(`DROP DATABASE IF EXISTS ${name}`);
        }),
      );
    },
  };
}

async function pgliteTemplate(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `shipshape-pglite-template-${migrationsHash()}.tar.gz`);
  if (existsSync(file)) return new Blob([await readFile(file)]);
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = await openPglite(null);
  try {
    await applyMigrations(new PrismaPGlite(pglite));
    const dump = await pglite.dumpDataDir("gzip");
    const partial = `${file}.${process.pid}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  } finally {
    await pglite.close();
  }
}

async function pgliteTestDb(): Promise<TestDb> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = new PGlite({ loadDataDir: await pgliteTemplate() });
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    driver: "pglite",
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

export function createTestDb(): Promise<TestDb> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? postgresTestDb(serverUrl) : pgliteTestDb();
}
