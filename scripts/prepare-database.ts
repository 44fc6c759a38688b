// Everything the database needs before the web serves: migrations, the content sync and (only when
// DEMO_PASSWORD is set) the demo accounts. Opened and closed here, because PGlite allows one process at a time.
import path from "node:path";
import { applyMigrations } from "../prisma/migrate";
import { adapterFactoryFromEnv } from "./migration-target";
import { openDb } from "../server/db-client";
import { parseWebEnv } from "../server/env";
import { loadAllContent } from "../server/content/load";
import { syncContent, changedAnything } from "../server/content/sync";
import { seedDemoAccounts, seedDemoCohort } from "../server/accounts/demo-accounts";

export async function prepareDatabase(log: (line: string) => void): Promise<void> {
  const env = parseWebEnv(process.env);
  const { factory, label, close } = await adapterFactoryFromEnv();
  try {
    const applied = await applyMigrations(factory);
    log(`database ${label}: ${applied.length ? `applied ${applied.join(", ")}` : "schema up to date"}`);
  } finally {
    await close();
  }

  const courses = await loadAllContent(path.resolve("content"));
  const handle = await openDb(env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dir: env.PGLITE_DIR });
  try {
    const report = await syncContent({ db: handle.prisma }, courses);
    log(changedAnything(report) ? `content synced: ${JSON.stringify(report)}` : "content unchanged");
    if (env.DEMO_PASSWORD) {
      const demo = await seedDemoAccounts({ db: handle.prisma }, env.DEMO_PASSWORD);
      log(`demo accounts ready: ${demo.ready.join(", ") || "none"}`);
      if (demo.refused.length) log(`demo accounts NOT seeded, their addresses belong to accounts the seed did not create (left unchanged): ${demo.refused.join(", ")}`);
      if (await seedDemoCohort({ db: handle.prisma }, demo)) log("demo cohort made: the demo learner has joined the demo instructor's cohort");
    }
  } finally {
    await handle.close();
  }
}
