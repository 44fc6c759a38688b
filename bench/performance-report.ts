// Writes what `npm run bench` measured into docs/performance.md: date, machine, one table per benchmark with its
// baseline from the same run, and how to rerun. A benchmark without a table here is written as its JSON.
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CohortMatrixResult } from "./cohort-matrix";
import type { GraderVsCliResult } from "./grader-vs-cli";
import type { GradingQueueResult } from "./grading-queue";
import type { LessonThroughputResult } from "./lesson-throughput";
import type { ProgressWriteResult } from "./progress-write";

export type Measured = Record<string, unknown>;

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const x = (n: number) => `${n.toFixed(2)}×`;

function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

const sections: Record<string, (result: never) => string> = {
  "grader-vs-cli": (r: GraderVsCliResult) =>
    [
      "The grader's sandboxed grading steps against the docker CLI doing the same steps on the same engine, interleaved.",
      table(
        ["measure", "value"],
        [
          ["grader, median of " + r.iterations, ms(r.graderMedianMs)],
          ["docker CLI (baseline), median", ms(r.cliMedianMs)],
          ["ratio (target ≤ " + String(r.ratioTarget) + ")", x(r.ratio)],
          ["whole grading to verdict, warm / cold", `${ms(r.warmGrading.verdictMs)} / ${ms(r.coldGrading.verdictMs)}`],
          ["`npm run grade` as a process, median", ms(r.gradeCommandMedianMs)],
        ],
      ),
    ].join("\n\n"),
  "grading-queue": (r: GradingQueueResult) =>
    [
      `Simultaneous submissions on ${r.cores} cores: 3 web instances' dispatchers on one PostgreSQL, one grader (2 slots). Baseline: one submission alone, stored → verdict ${r.baselineS} s. Efficiency = baseline × ⌈N / slots⌉ ÷ time to the last verdict.`,
      table(
        ["submissions", "judged", "not gradable", "lost", "sent twice", "queue wait p50 / p95", "to verdict p50 / p95", "last verdict", "efficiency"],
        r.runs.map((q) => [q.submissions, q.judged, q.notGradable, q.lost, q.sentTwice, `${q.queueWaitP50S} / ${q.queueWaitP95S} s`, `${q.toVerdictP50S} / ${q.toVerdictP95S} s`, `${q.makespanS} s`, x(q.efficiency)]),
      ),
    ].join("\n\n"),
  "lesson-throughput": (r: LessonThroughputResult) =>
    [
      `Reading pages from \`next start\` against a plain Node server sending the same bytes, ${r.connections} connections, ${r.secondsPerRun} s each (load average before: ${r.loadAverageBefore}).`,
      table(
        ["page", "encoding", "bytes", "next start req/s", "static (baseline) req/s", "ratio", "next p95", "errors"],
        r.pages.map((p) => [p.page, p.encoding, p.bytes, p.next.requestsPerSecond.toFixed(0), p.plain.requestsPerSecond.toFixed(0), x(p.ratio), ms(p.next.p95Ms), p.next.errors + p.plain.errors]),
      ),
    ].join("\n\n"),
  "cohort-matrix": (r: CohortMatrixResult) =>
    [
      `An instructor's matrix and mistake clusters for a cohort of 10 and of 500 members (${r.driver}, median of ${r.runs}): the queries must not grow with the cohort, the time at most 3×.`,
      table(["members", "queries", "median"], r.sizes.map((z) => [z.members, z.queries, ms(z.medianMs)])),
      `Same query count: ${r.queriesEqual ? "yes" : "NO"}; time 500 ÷ 10: ${x(r.ratio)} (goal ≤ 3×).`,
    ].join("\n\n"),
  "progress-write": (r: ProgressWriteResult) => progressTable(r),
  "progress-write-postgres": (r: ProgressWriteResult) => progressTable(r),
};

function progressTable(r: ProgressWriteResult): string {
  return [
    `On ${r.driver === "postgres" ? "PostgreSQL" : "PGlite"}, ${r.writes} writes each; baseline: ${r.baseline.name}, p50 ${ms(r.baseline.p50Ms)}, p95 ${ms(r.baseline.p95Ms)}.`,
    table(["write", "p50", "p95", "p95 ÷ baseline p95"], r.results.map((w) => [w.name, ms(w.p50Ms), ms(w.p95Ms), x(w.ratioToBaseline)])),
  ].join("\n\n");
}

export function writePerformanceDoc(measured: Measured, file = path.resolve("docs/performance.md")): void {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const parts = [
    "# Performance",
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(1)} at the end. Every figure is a ratio against a baseline measured in the same run, so a busy machine shifts both sides; on a machine shared with other work, read the ratios rather than the absolute times.`,
    "",
    "Rerun: `npm run bench` (every benchmark, then this file is rewritten); `npm run bench -- <name…>` runs some and only prints them (`--write` rewrites this file with those). Each benchmark also runs alone: `npx tsx bench/<name>.ts`.",
  ];
  for (const [name, result] of Object.entries(measured)) {
    const render = sections[name];
    parts.push("", `## ${name}`, "", render ? render(result as never) : `\`\`\`json\n${JSON.stringify(result, null, 2)}\n\`\`\``);
  }
  writeFileSync(file, `${parts.join("\n")}\n`);
}
