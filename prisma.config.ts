import "dotenv/config";
import { defineConfig } from "prisma/config";

// Prisma's engine download host is unreachable offline. `prisma generate` only needs the native schema-engine
// path to exist (it never runs it); migrations go through prisma/migrate.ts (the WASM engine) instead.
// Set PRISMA_OFFLINE=0 where that host is reachable to get the native engine back.
if (process.env.PRISMA_OFFLINE !== "0") {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= new URL("./scripts/no-schema-engine.sh", import.meta.url).pathname;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // Only the native engine's migrate/db commands read this; `prisma generate` ignores it.
    url: process.env.DATABASE_URL ?? "postgresql://invalid:invalid@127.0.0.1:1/invalid",
  },
});
