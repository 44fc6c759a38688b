// A fresh, migrated database per test file: in-memory PGlite by default, or a new database on the PostgreSQL
// server named by DATABASE_URL (CI runs the DB tests both ways). Dropped again by close().
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { applyMigrations } from "@/prisma/migrate";
import { openPglite } from "@/server/db-client";

export interface TestDb {
  prisma: PrismaClient;
  driver: "pglite" | "postgres";
  close(): Promise<void>;
}

async function postgresTestDb(serverUrl: string): Promise<TestDb> {
  const name = `shipshape_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const { PrismaPg } = await import("@prisma/adapter-pg");
  await applyMigrations(new PrismaPg({ connectionString: url.toString() }));
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
  return {
    prisma,
    driver: "postgres",
    close: async () => {
      await prisma.$disconnect();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function pgliteTestDb(): Promise<TestDb> {
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = await openPglite(null);
  await applyMigrations(new PrismaPGlite(pglite));
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
