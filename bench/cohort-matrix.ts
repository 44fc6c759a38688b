// Does an instructor's cohort page scale? The matrix and the clusters (server/cohorts/overview.ts, what the page
// polls) for a cohort of 10 and one of 500 members, on one fresh migrated database (PGlite, or a new database on
// the PostgreSQL server DATABASE_URL names) holding the real courses from content/ and seeded rows per member:
// marks, a quick test attempt, and 0–4 gradings with stored verdicts. Reports the Prisma operations each view
// issued (must be equal: no query per member) and the time ratio 500/10 (goal ≤ 3×), medians of timed runs
// after warm-up:
//   npx tsx bench/cohort-matrix.ts [runs]
// The data functions are server-only modules, so the measurement runs in a child whose `server-only` import
// resolves to an empty module (bench/server-only-child.ts).
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@/generated/prisma/client";
import { childResult, inServerOnlyChild } from "./server-only-child";

export interface CohortMatrixResult {
  name: "cohort-matrix";
  driver: "pglite" | "postgres";
  runs: number;
  sizes: { members: number; queries: number; medianMs: number; learners: number; clusters: number }[];
  queriesEqual: boolean;
  /** Median time at 500 members divided by the median at 10. */
  ratio: number;
}

const sizes = [10, 500] as const;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function seedCohort(prisma: PrismaClient, ownerId: string, members: number, lessonIds: string[], exerciseId: string): Promise<string> {
  const { mistakes, storeGrading, verdictFailingAt } = await import("@/tests/integration/cohorts/verdicts");
  const cohort = await prisma.cohort.create({ data: { name: `Bench ${members}`, ownerId } });
  const users = [];
  for (let i = 0; i < members; i++) users.push({ id: `bench-${members}-${i}`, email: `bench-${members}-${i}@example.test`, name: `Bench learner ${i}` });
  await prisma.user.createMany({ data: users });
  await prisma.cohortMember.createMany({ data: users.map((u) => ({ cohortId: cohort.id, userId: u.id })) });
  const firstLesson = lessonIds[0] as string;
  await prisma.progressMark.createMany({ data: users.flatMap((u, i) => ["a", "b", "c"].slice(0, (i % 3) + 1).map((key) => ({ userId: u.id, lessonId: firstLesson, kind: "SECTION_READ" as const, key }))) });
  await prisma.quizAttempt.createMany({ data: users.map((u, i) => ({ userId: u.id, lessonId: firstLesson, clientId: `bench-${i}`, score: (i % 5) / 4, correct: i % 5, total: 4, answers: {} })) });
  const failures = [mistakes.pipMissing(3), mistakes.copyMissing(), mistakes.exits(1)];
  const now = Date.now();
  for (const [i, u] of users.entries()) {
    const gradings = i % 5; // 0 (never tried) to 4
    for (let g = 0; g < gradings; g++) {
      const passes = g === gradings - 1 && i % 4 === 0;
      await storeGrading(prisma, u.id, exerciseId, verdictFailingAt(passes ? null : (failures[(i + g) % failures.length] ?? null)), new Date(now - (gradings - g) * 60_000));
    }
  }
  return cohort.id;
}

async function measure(runs: number): Promise<CohortMatrixResult> {
  const { createTestDb } = await import("@/tests/support/test-db");
  const { loadAllContent } = await import("@/server/content/load");
  const { syncContent } = await import("@/server/content/sync");
  const { cohortOverview } = await import("@/server/cohorts/overview");
  const testDb = await createTestDb();
  try {
    const prisma = testDb.prisma;
    await syncContent({ db: prisma }, await loadAllContent(path.resolve("content")));
    const lessons = await prisma.lesson.findMany({ orderBy: { position: "asc" }, select: { id: true } });
    const exercise = await prisma.exercise.findUniqueOrThrow({ where: { slug: "first-service" }, select: { id: true } });
    const owner = await prisma.user.create({ data: { email: "bench-instructor@example.test", role: "INSTRUCTOR" }, select: { id: true, email: true, role: true } });
    let queries = 0;
    // Every Prisma operation, raw queries included, passes here: the count a view costs.
    const counted = prisma.$extends({
      query: {
        async $allOperations({ args, query }): Promise<unknown> {
          queries++;
          return (await query(args)) as unknown;
        },
      },
    }) as unknown as PrismaClient;
    const ctx = { db: counted, actor: owner };
    const cohorts = [];
    for (const members of sizes) cohorts.push({ members, id: await seedCohort(prisma, owner.id, members, lessons.map((l) => l.id), exercise.id), samples: [] as number[] });
    const out: CohortMatrixResult["sizes"] = [];
    for (const cohort of cohorts) {
      for (let i = 0; i < 2; i++) await cohortOverview(ctx, cohort.id);
      queries = 0;
      const overview = await cohortOverview(ctx, cohort.id);
      out.push({ members: cohort.members, queries, medianMs: 0, learners: overview.matrix.learners.length, clusters: overview.clusters.reduce((n, e) => n + e.clusters.length, 0) });
    }
    // The sizes take turns, so a busy moment on a shared machine weighs on both alike.
    for (let i = 0; i < runs; i++) {
      for (const cohort of cohorts) {
        const start = performance.now();
        await cohortOverview(ctx, cohort.id);
        cohort.samples.push(performance.now() - start);
      }
    }
    cohorts.forEach((cohort, i) => Object.assign(out[i] ?? {}, { medianMs: median(cohort.samples) }));
    const [small, large] = out as [CohortMatrixResult["sizes"][number], CohortMatrixResult["sizes"][number]];
    return { name: "cohort-matrix", driver: testDb.driver, runs, sizes: out, queriesEqual: small.queries === large.queries, ratio: large.medianMs / small.medianMs };
  } finally {
    await testDb.close();
  }
}

function format(result: CohortMatrixResult): string {
  const lines = [`cohort-matrix on ${result.driver} (matrix + clusters, median of ${result.runs} runs)`];
  for (const s of result.sizes) lines.push(`  ${String(s.members).padStart(3)} members: ${s.queries} queries, ${s.medianMs.toFixed(1)} ms (${s.learners} rows, ${s.clusters} clusters)`);
  lines.push(`  queries equal: ${result.queriesEqual ? "yes" : "NO"}; time 500/10: ${result.ratio.toFixed(2)}× (goal ≤ 3×)`);
  return lines.join("\n");
}

/** Measures in a child process (see the note at the top) and returns the figures. */
export function run(options: { runs?: number } = {}): Promise<CohortMatrixResult> {
  return inServerOnlyChild<CohortMatrixResult>(fileURLToPath(import.meta.url), [String(options.runs ?? 9)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 9);
  if (childResult.requested()) childResult.send(await measure(runs));
  else console.log(format(await run({ runs })));
}
