// Load: 50 learners press Grade (two web instances' dispatchers, one grader with its default two slots, on the
// shared engine) while 500 readers open lessons from `next start` on the same two cores, each loading three pages
// at once. Every grading must end (verdict or not gradable, none lost). The readers' connection errors, timeouts
// (30 s) and non-2xx answers are counted into the table, not asserted away: on two cores shared with 50 gradings,
// 500 connections opened at once are more than one `next start` accepts (measured: 6–12 % of page loads
// refused or reset, load average 12–23), which says where the web needs instances of its own (docs/scaling.md). Every page load
// must be accounted for: answered, failed or timed out.
// The web serves the existing production build in NEXT_DIST_DIR (`.next-e2e`, which `npm test` builds just before).
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraderProcess } from "@/grader/test-support/grader-process";
import { startProductionWeb, type ProductionWeb } from "@/bench/production-web";
import { recordOutcome } from "./support/fault-table";
import { quantile } from "@/tests/support/quantile";
import { settle } from "./support/outcomes";
import { startReaders } from "./support/readers";
import { startPrivatePostgres, type PrivatePostgres } from "./support/private-postgres";
import { faultDatabase, seedLearners, submitAll, type FaultDb } from "./support/scenario";
import { startWebInstance, type WebInstance } from "./support/web-instance";

const learners = 50;
const readerCount = 500;
const lessonPaths = ["/learn/containers/dockerize-a-service", "/learn/containers/compose-multi-service", "/learn/containers"];
const grader = new GraderProcess(5350, "f17load");
let reading: ProductionWeb;
let pg: PrivatePostgres;
let db: FaultDb;
const instances: WebInstance[] = [];

beforeAll(async () => {
  process.env.NEXT_DIST_DIR ??= ".next-e2e";
  reading = await startProductionWeb({ port: 5360, build: false });
  // Each page once before the load, so the readers meet the cache as every reader after the first does.
  for (const p of lessonPaths) await fetch(`${reading.base}${p}`).then((r) => r.arrayBuffer());
  pg = await startPrivatePostgres(path.join(os.tmpdir(), "f17-faults-postgres-load"), 5303);
  db = await faultDatabase(pg.url);
  await grader.start();
}, 600_000);

afterAll(async () => {
  await Promise.all(instances.map((w) => w.kill()));
  await grader.kill();
  await reading?.stop();
  await db?.testDb.close().catch(() => undefined);
  await pg?.stop();
});

describe("load", () => {
  it(`${learners} learners grade while ${readerCount} readers load lessons`, async () => {
    const seeded = await seedLearners(db.testDb, learners, "load");
    const started = Date.now();
    const readers = startReaders(reading.base, readerCount, lessonPaths);
    for (const id of ["web-l1", "web-l2"]) instances.push(await startWebInstance({ databaseUrl: db.url, graderUrl: grader.url, instanceId: id, leaseMs: 10_000 }));
    const ids = await submitAll(db.testDb, seeded, 0);
    const outcome = await settle(db.testDb.prisma, ids, 540_000);
    const read = await readers.finished();
    recordOutcome(
      `${learners} learners grading while ${readerCount} readers load lessons`,
      outcome,
      outcome.dispatches,
      `readers: ${read.requests} page loads (${(read.requests / read.seconds).toFixed(0)}/s, p95 ${read.p95Ms.toFixed(0)} ms), ${read.errors} connection errors, ${read.timeouts} timeouts, ${read.non2xx} non-2xx; gradings: time to verdict p95 ${(quantile(outcome.toVerdictMs, 0.95) / 1000).toFixed(0)} s`,
      started,
    );
    expect(outcome.lost).toBe(0);
    expect(outcome.verdicts + outcome.notGradable).toBe(ids.length);
    expect(read.requests + read.errors + read.timeouts).toBe(readerCount * lessonPaths.length);
    expect(read.requests).toBeGreaterThan(readerCount);
  }, 660_000);
});
