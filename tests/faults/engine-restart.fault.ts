// The grading engine stopped and started again while builds run. The engine is a private one
// (tests/support/private-engine.ts: its own dockerd, socket and data root), since colleagues' tests grade on the
// shared engine; it comes back empty, as a replaced engine pod would, with the test base image imported again.
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraderProcess } from "@/grader/test-support/grader-process";
import { ensureTestBaseImage } from "@/grader/test-support/test-base-image";
import { startPrivateEngine, type PrivateEngine } from "@/tests/support/private-engine";
import { recordOutcome } from "./support/fault-table";
import { settle } from "./support/outcomes";
import { startPrivatePostgres, type PrivatePostgres } from "./support/private-postgres";
import { faultDatabase, seedLearners, submitAll, untilBuilding, type FaultDb } from "./support/scenario";
import { startWebInstance, type WebInstance } from "./support/web-instance";

const engineDir = path.join(os.tmpdir(), "f17-faults-engine");
const addressPool = "10.217.0.0/16";
let engine: PrivateEngine;
let pg: PrivatePostgres;
let db: FaultDb;
let webInstance: WebInstance | undefined;
const grader = new GraderProcess(5340, "f17engine");

beforeAll(async () => {
  engine = await startPrivateEngine(engineDir, addressPool);
  // The grader (a child) inherits it, and the test base image is imported into this engine, not the shared one.
  process.env.DOCKER_HOST = engine.host;
  pg = await startPrivatePostgres(path.join(os.tmpdir(), "f17-faults-postgres-engine"), 5302);
  db = await faultDatabase(pg.url);
  await grader.start();
}, 300_000);

afterAll(async () => {
  await webInstance?.kill();
  await grader.kill();
  await db?.testDb.close().catch(() => undefined);
  await pg?.stop();
  await engine?.stop();
});

describe("the engine stops and comes back", () => {
  it("every grading in flight ends with a verdict or not gradable", async () => {
    const started = Date.now();
    const learners = await seedLearners(db.testDb, 4, "engine");
    webInstance = await startWebInstance({ databaseUrl: db.url, graderUrl: grader.url, instanceId: "web-e", leaseMs: 3_000 });
    const ids = await submitAll(db.testDb, learners, 4);
    await untilBuilding(db.testDb, ids);
    await engine.stop();
    await new Promise((r) => setTimeout(r, 2_000));
    engine = await startPrivateEngine(engineDir, addressPool);
    await ensureTestBaseImage(new Docker({ socketPath: engine.host.slice("unix://".length) }));
    const outcome = await settle(db.testDb.prisma, ids, 240_000);
    recordOutcome("engine stopped mid-build and restarted empty (private dockerd, 2 s down)", outcome, outcome.dispatches, "sent = dispatches the web recorded", started);
    expect(outcome.lost).toBe(0);
    expect(outcome.verdicts + outcome.notGradable).toBe(ids.length);
  }, 300_000);
});
