// The migration command line (`npm run db:deploy`, `npm run db:dev -- <name>`, `npm run db:diff`):
//   deploy        apply pending migrations (DATABASE_URL, else PGlite in PGLITE_DIR)
//   dev <name>    write prisma/migrations/<timestamp>_<name>/migration.sql, then apply
//   diff          print the SQL from an empty database to schema.prisma
import "dotenv/config";
import path from "node:path";
import { applyMigrations, createMigration, diffFromEmpty } from "../prisma/migrate";
import { adapterFactoryFromEnv } from "./migration-target";

async function main(): Promise<void> {
  const [cmd = "deploy", name = "change"] = process.argv.slice(2);
  const { factory, label, close } = await adapterFactoryFromEnv();
  try {
    if (cmd === "deploy") {
      const applied = await applyMigrations(factory);
      console.log(`migrations on ${label}: ${applied.length ? applied.join(", ") : "none pending"}`);
    } else if (cmd === "dev") {
      const dir = await createMigration(factory, name);
      console.log(dir ? `created ${path.relative(process.cwd(), dir)}/migration.sql` : "no schema changes; no migration created");
      const applied = await applyMigrations(factory);
      console.log(`migrations on ${label}: ${applied.length ? applied.join(", ") : "none pending"}`);
    } else if (cmd === "diff") {
      process.stdout.write(await diffFromEmpty(factory));
    } else {
      throw new Error(`unknown command "${cmd}": use deploy, dev <name> or diff`);
    }
  } finally {
    await close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
