// N learners press Grade at the same moment (20, then 50) on two cores: three web instances' dispatchers share one
// PostgreSQL database (a private cluster) and race for every claim; one grader with its default two slots on the
// engine grades. Reports whether all were judged (0 lost, each sent to the grader exactly once, counted on the
// wire by a proxy), p50/p95 of the queue wait (stored → its build starts) and of the time to verdict, against a
// baseline from the same run: one submission graded alone on the idle stack. The ideal under load is the
// baseline × ⌈N / slots⌉; "efficiency" is that ideal over the measured time until the last verdict.
//   npx tsx bench/grading-queue.ts [sizes…]
// The web's dispatcher and submission store are server-only modules: the measurement runs in a child whose
// `server-only` resolves to nothing (bench/server-only-child.ts), which bench/run.ts calls through run().
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { limitTable } from "@/grader/config";
import { GraderProcess } from "@/grader/test-support/grader-process";
import { childResult, inServerOnlyChild } from "./server-only-child";
import { startGraderProxy } from "@/tests/faults/support/grader-proxy";
import { settle, type Outcome } from "@/tests/faults/support/outcomes";
import { quantile } from "@/tests/support/quantile";
import { startPrivatePostgres } from "@/tests/faults/support/private-postgres";
import { startWebInstance, type WebInstance } from "@/tests/faults/support/web-instance";

export interface QueueRun {
  submissions: number;
  webInstances: number;
  graderSlots: number;
  judged: number;
  notGradable: number;
  lost: number;
  /** Submissions the grader was sent more than once (0: every claim held). */
  sentTwice: number;
  queueWaitP50S: number;
  queueWaitP95S: number;
  toVerdictP50S: number;
  toVerdictP95S: number;
  /** Stored → last verdict. */
  makespanS: number;
  /** baseline × ⌈N / slots⌉ over the makespan: 1 would be two slots never idle and no dispatch overhead. */
  efficiency: number;
}

export interface GradingQueueResult {
  name: "grading-queue";
  date: string;
  cores: number;
  /** One submission graded alone: stored → verdict, median of three. */
  baselineS: number;
  runs: QueueRun[];
}

const slots = limitTable.concurrency.default;
const webInstances = 3;
const round = (n: number) => Math.round(n * 100) / 100;

export async function benchGradingQueue(sizes: readonly number[] = [20, 50]): Promise<GradingQueueResult> {
  // Loaded here, in the child: the scenario stores submissions through the web's server-only modules.
  const { faultDatabase, seedLearners, submitAll } = await import("@/tests/faults/support/scenario");
  const pg = await startPrivatePostgres(path.join(os.tmpdir(), "f17-bench-postgres"), 5305);
  const grader = new GraderProcess(5306, "f17bench");
  let instances: WebInstance[] = [];
  try {
    await grader.start();
    const proxy = await startGraderProxy(grader.url, 5307);
    const stack = async (size: number) => {
      const db = await faultDatabase(pg.url);
      const learners = await seedLearners(db.testDb, size, `bench${size}`);
      instances = await Promise.all(Array.from({ length: webInstances }, (_, i) => startWebInstance({ databaseUrl: db.url, graderUrl: proxy.url, instanceId: `bench-${size}-${i}`, leaseMs: 30_000 })));
      return { db, learners };
    };
    const stop = async () => {
      await Promise.all(instances.map((w) => w.kill()));
      instances = [];
    };

    const alone: number[] = [];
    {
      const { db, learners } = await stack(3);
      for (const learner of learners) {
        const ids = await submitAll(db.testDb, [learner], 0);
        alone.push(...(await settle(db.testDb.prisma, ids, 120_000)).toVerdictMs);
      }
      await stop();
      await db.testDb.close();
    }
    const baselineS = quantile(alone, 0.5) / 1000;

    const runs: QueueRun[] = [];
    for (const size of sizes) {
      const { db, learners } = await stack(size);
      const ids = await submitAll(db.testDb, learners, 0);
      const outcome: Outcome = await settle(db.testDb.prisma, ids, 900_000);
      await stop();
      const makespanS = Math.max(...outcome.toVerdictMs) / 1000;
      runs.push({
        submissions: size,
        webInstances,
        graderSlots: slots,
        judged: outcome.verdicts,
        notGradable: outcome.notGradable,
        lost: outcome.lost,
        sentTwice: ids.filter((id) => (proxy.sends.get(id) ?? 0) > 1).length,
        queueWaitP50S: round(quantile(outcome.queueWaitsMs, 0.5) / 1000),
        queueWaitP95S: round(quantile(outcome.queueWaitsMs, 0.95) / 1000),
        toVerdictP50S: round(quantile(outcome.toVerdictMs, 0.5) / 1000),
        toVerdictP95S: round(quantile(outcome.toVerdictMs, 0.95) / 1000),
        makespanS: round(makespanS),
        efficiency: round((baselineS * Math.ceil(size / slots)) / makespanS),
      });
      await db.testDb.close();
    }
    await proxy.close();
    return { name: "grading-queue", date: new Date().toISOString(), cores: os.cpus().length, baselineS: round(baselineS), runs };
  } finally {
    await Promise.all(instances.map((w) => w.kill()));
    await grader.kill();
    await pg.stop();
  }
}

const self = fileURLToPath(import.meta.url);

export function run(sizes: readonly number[] = [20, 50]): Promise<GradingQueueResult> {
  return inServerOnlyChild<GradingQueueResult>(self, sizes.map(String));
}

if (process.argv[1] === self) {
  const sizes = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
  if (childResult.requested()) childResult.send(await benchGradingQueue(sizes));
  else console.log(JSON.stringify(await run(sizes.length ? sizes : undefined), null, 2));
  process.exit(0);
}
