// Offline stand-in for `prisma migrate dev|deploy|diff`: Prisma's WASM schema engine (npm) driven through the
// same driver adapters the app uses, so nothing is downloaded from Prisma's engine host. It keeps Prisma's
// migration folder format and `_prisma_migrations` table, so `prisma migrate deploy` can serve the same folder
// wherever the native engine is available. It relies on an internal API: versions are pinned in package.json.
//
// Its command line is scripts/migrate.ts (`npm run db:deploy`, `db:dev -- <name>`, `db:diff`), which picks the database.
import fs from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as SchemaEngineRuntime from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine, MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);
const prismaDir = path.dirname(fileURLToPath(import.meta.url));
const schemaPath = path.join(prismaDir, "schema.prisma");
const migrationsDir = path.join(prismaDir, "migrations");
const filters = { externalTables: [], externalEnums: [] };

type Runtime = typeof SchemaEngineRuntime;
let runtimeReady: Promise<Runtime> | undefined;

// The WASM module's JS glue is a singleton: instantiating it twice in one process corrupts its string codec.
function wasmRuntime(): Promise<Runtime> {
  runtimeReady ??= (async () => {
    const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmFile = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const instance = new WebAssembly.Instance(new WebAssembly.Module(await fs.readFile(wasmFile)), {
      "./schema_engine_bg.js": runtime,
    });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return runtime;
  })();
  return runtimeReady;
}

async function loadEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  const runtime = await wasmRuntime();
  const schema = await fs.readFile(schemaPath, "utf8");
  const debug = process.env.DEBUG_SCHEMA_ENGINE ? (m: unknown) => console.error("[schema-engine]", m) : () => undefined;
  return runtime.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    debug,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

async function listMigrations(): Promise<MigrationList> {
  const dirs = existsSync(migrationsDir)
    ? (await fs.readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await fs.readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (d) => {
        const file = path.join(migrationsDir, d, "migration.sql");
        const content = existsSync(file)
          ? { tag: "ok" as const, value: await fs.readFile(file, "utf8") }
          : { tag: "error" as const, value: "missing migration.sql" };
        return { path: d, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/** Applies every pending migration; returns the names applied now. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await loadEngine(factory);
  try {
    const out = await engine.applyMigrations({ migrationsList: await listMigrations(), filters });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** Writes a new migration for the difference between the folder and schema.prisma; null when there is none. */
export async function createMigration(factory: SqlMigrationAwareDriverAdapterFactory, name: string): Promise<string | null> {
  const engine = await loadEngine(factory);
  try {
    await fs.mkdir(migrationsDir, { recursive: true });
    const lock = path.join(migrationsDir, "migration_lock.toml");
    if (!existsSync(lock)) await fs.writeFile(lock, 'provider = "postgresql"\n');
    // engine.createMigration() needs an external shadow database for Postgres; diff() from the migrations folder
    // uses the adapter's own shadow database (PGlite: a fresh in-memory one) instead.
    const res = await engine.diff({
      from: { tag: "migrations", ...(await listMigrations()) },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: await fs.readFile(schemaPath, "utf8") }] },
      script: true,
      exitCode: true,
      filters,
    });
    const sql = (res as { stdout?: string }).stdout ?? "";
    if (res.exitCode !== 2 || !sql.trim() || sql.trim().startsWith("-- This is an empty migration")) return null;
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "migration.sql"), sql);
    return dir;
  } finally {
    engine.free();
  }
}

/** The SQL that builds schema.prisma from an empty database. */
export async function diffFromEmpty(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const engine = await loadEngine(factory);
  try {
    const res = await engine.diff({
      from: { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: await fs.readFile(schemaPath, "utf8") }] },
      script: true,
      exitCode: null,
      filters,
    });
    return (res as { stdout?: string }).stdout ?? "";
  } finally {
    engine.free();
  }
}
