// p95 latency of the writes a reader makes all the time — a progress mark (POST /api/progress's data function)
// and a finished quick test (re-scored and stored by clientId) — each as a ratio against a raw INSERT of one
// progress row through the same connection in the same run, on a fresh migrated database: embedded PGlite, or a
// new database on the PostgreSQL server named by DATABASE_URL (tests/support/test-db.ts, dropped afterwards):
//   npx tsx bench/progress-write.ts [writes]
//   DATABASE_URL=postgresql://… npx tsx bench/progress-write.ts [writes]
// The data functions are server-only modules, so the measurement runs in a child whose `server-only` import
// resolves to an empty module (bench/allow-server-only.mjs); run() returns its result to bench/run.ts.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { quantile } from "@/tests/support/quantile";

export interface WriteLatency {
  name: string;
  p50Ms: number;
  p95Ms: number;
  /** p95 divided by the raw INSERT's p95. */
  ratioToBaseline: number;
}

export interface ProgressWriteResult {
  name: "progress-write";
  driver: "pglite" | "postgres";
  writes: number;
  baseline: { name: string; p50Ms: number; p95Ms: number };
  results: WriteLatency[];
}

async function timeEach(count: number, write: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await write(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

async function measure(writes: number): Promise<ProgressWriteResult> {
  const { createTestDb } = await import("@/tests/support/test-db");
  const { seedFixture } = await import("@/tests/authz/fixture");
  const { setProgressMark } = await import("@/server/progress/marks");
  const { saveQuizAttempt } = await import("@/server/quiz/attempts");

  const testDb = await createTestDb();
  const { prisma } = testDb;
  try {
    const fx = await seedFixture(prisma);
    const me = fx.users.learner;
    const lesson = { course: fx.courseSlug, lesson: fx.lessonSlug };
    const answers = { "image-or-container": { kind: "single", choice: "container" }, "build-order": { kind: "order", order: ["from", "deps", "src"] } };
    const raw = (key: string) =>
      prisma.$executeRaw`INSERT INTO "ProgressMark" ("id", "userId", "lessonId", "kind", "key") VALUES (${randomUUID()}, ${me.id}, ${fx.lessonId}, 'SECTION_READ'::"ProgressKind", ${key}) ON CONFLICT DO NOTHING`;
    const mark = (key: string) => setProgressMark({ db: prisma, actor: me }, { ...lesson, kind: "checklist-item", key });
    const attempt = () => saveQuizAttempt({ db: prisma, actor: me }, { clientId: randomUUID(), ...lesson, answers });

    // Warm up query plans and the JIT before anything is timed.
    await timeEach(25, (i) => raw(`warm-${i}`));
    await timeEach(25, (i) => mark(`warm-${i}`));
    await timeEach(25, () => attempt());

    const baseline = await timeEach(writes, (i) => raw(`raw-${i}`));
    const marks = await timeEach(writes, (i) => mark(`mark-${i}`));
    const attempts = await timeEach(writes, () => attempt());
    const baseP95 = quantile(baseline, 0.95);
    const row = (name: string, samples: number[]): WriteLatency => ({ name, p50Ms: quantile(samples, 0.5), p95Ms: quantile(samples, 0.95), ratioToBaseline: quantile(samples, 0.95) / baseP95 });
    return {
      name: "progress-write",
      driver: testDb.driver,
      writes,
      baseline: { name: "raw INSERT of one ProgressMark", p50Ms: quantile(baseline, 0.5), p95Ms: baseP95 },
      results: [row("setProgressMark (authorize, validate, find lesson, insert)", marks), row("saveQuizAttempt (authorize, validate, load quiz, score, insert)", attempts)],
    };
  } finally {
    await testDb.close();
  }
}

function format(result: ProgressWriteResult): string {
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  const lines = [`progress-write on ${result.driver}, ${result.writes} writes each`, `  baseline  ${result.baseline.name}: p50 ${ms(result.baseline.p50Ms)}, p95 ${ms(result.baseline.p95Ms)}`];
  for (const r of result.results) lines.push(`  ${r.name}: p50 ${ms(r.p50Ms)}, p95 ${ms(r.p95Ms)} (${r.ratioToBaseline.toFixed(1)}× baseline p95)`);
  return lines.join("\n");
}

const marker = "PROGRESS_WRITE_RESULT ";

/** For bench/run.ts: measures in a child process (see the note at the top) and returns the figures. */
export function run(options: { writes?: number } = {}): Promise<ProgressWriteResult> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const allow = fileURLToPath(new URL("./allow-server-only.mjs", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", "--import", allow, self, "--child", String(options.writes ?? 500)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(marker));
      if (code === 0 && line) resolve(JSON.parse(line.slice(marker.length)) as ProgressWriteResult);
      else reject(new Error(`bench/progress-write child exited with ${code}`));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const child = process.argv[2] === "--child";
  const writes = Number(process.argv[child ? 3 : 2] ?? 500);
  if (child) {
    const result = await measure(writes);
    console.log(marker + JSON.stringify(result));
  } else {
    console.log(format(await run({ writes })));
  }
}
