// `npm run bench [name...] [--write] [--no-build]`: every benchmark, each a ratio against a baseline measured in the same run
// (or a latency against its target), printed, and — when all ran, or with --write — written to
// docs/performance.md. Not part of `npm test`: figures on a shared CI machine are noise, so benchmarks report and
// never fail a build.
import os from "node:os";
import path from "node:path";
import { benchGraderVsCli } from "./grader-vs-cli";
import { benchResolverOverhead } from "./resolver-overhead";
import { benchFailFast } from "./fail-fast";
import { run as firstEvent } from "./first-event";
import { run as progressWrite } from "./progress-write";
import { run as lessonThroughput } from "./lesson-throughput";
import { run as lighthouse } from "./lighthouse";
import { run as gradingQueue } from "./grading-queue";
import { run as cohortMatrix } from "./cohort-matrix";
import { writePerformanceDoc, type Measured } from "./performance-report";
import { startPrivatePostgres } from "@/tests/faults/support/private-postgres";

/** progress-write on PostgreSQL: the server DATABASE_URL names, or a private cluster of the bench's own. */
async function progressWriteOnPostgres(): Promise<unknown> {
  const given = process.env.DATABASE_URL;
  const cluster = given ? null : await startPrivatePostgres(path.join(os.tmpdir(), "f17-bench-progress-postgres"), 5308);
  // bench/progress-write.ts measures in a child that inherits this variable (tests/support/test-db.ts reads it).
  process.env.DATABASE_URL = given ?? cluster?.url;
  try {
    return await progressWrite({ writes: 500 });
  } finally {
    if (given) process.env.DATABASE_URL = given;
    else delete process.env.DATABASE_URL;
    await cluster?.stop();
  }
}

/** progress-write on PGlite, whatever DATABASE_URL says. */
async function progressWriteOnPglite(): Promise<unknown> {
  const given = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    return await progressWrite({ writes: 500 });
  } finally {
    if (given) process.env.DATABASE_URL = given;
  }
}

const benches: Record<string, () => Promise<unknown>> = {
  "grader-vs-cli": () => benchGraderVsCli(5),
  "resolver-overhead": () => benchResolverOverhead(3),
  "fail-fast": () => Promise.resolve(benchFailFast(3)),
  "grading-queue": () => gradingQueue([20, 50]),
  "progress-write": progressWriteOnPglite,
  "progress-write-postgres": progressWriteOnPostgres,
  "first-event": () => firstEvent({ samples: 20 }),
  // --no-build: serve the build already in NEXT_DIST_DIR, as `npm start -- --no-build` does.
  "lesson-throughput": () => lessonThroughput({ seconds: 10, build: !process.argv.includes("--no-build") }),
  lighthouse: () => lighthouse(),
  "cohort-matrix": () => cohortMatrix({ runs: 9 }),
};

async function main(): Promise<void> {
  const write = process.argv.includes("--write");
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const unknown = wanted.filter((name) => !(name in benches));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(benches).join(", ")}`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}`);
  const measured: Measured = {};
  for (const name of wanted.length ? wanted : Object.keys(benches)) {
    const bench = benches[name];
    if (!bench) continue;
    console.log(`\n▶ ${name}`);
    measured[name] = await bench();
    console.log(JSON.stringify(measured[name], null, 2));
  }
  if (write || !wanted.length) writePerformanceDoc(measured);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
