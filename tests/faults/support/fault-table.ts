// The suite's one result: a row per fault, appended by each fault file as it ends (files run one after the other,
// in separate workers), printed and written to docs/reliability.md by the global teardown (report.ts).
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Outcome } from "./outcomes";

export interface FaultRow {
  fault: string;
  submissions: number;
  verdicts: number;
  notGradable: number;
  lost: number;
  /** Sendings to the grader seen on the wire (or recorded by the web), over all submissions. */
  sends: number;
  /** Anything else the fault measured (readers' errors, requests per second…), one short phrase. */
  notes: string;
  seconds: number;
}

// Not under test-results/: Playwright empties that folder when a browser run starts.
export const rowsFile = path.join(os.tmpdir(), "shipshape-fault-rows.jsonl");

export function recordFault(row: FaultRow): void {
  appendFileSync(rowsFile, `${JSON.stringify(row)}\n`);
}

/** The row of a fault whose submissions ended as `outcome`; the clock started at `startedMs`. */
export function recordOutcome(fault: string, outcome: Outcome, sends: number, notes: string, startedMs: number): void {
  const { submissions, verdicts, notGradable, lost } = outcome;
  recordFault({ fault, submissions, verdicts, notGradable, lost, sends, notes, seconds: (Date.now() - startedMs) / 1000 });
}

export function recordedFaults(): FaultRow[] {
  if (!existsSync(rowsFile)) return [];
  return readFileSync(rowsFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FaultRow);
}

export function faultTable(rows: readonly FaultRow[]): string {
  const lines = ["| fault | submissions | verdicts | not gradable | lost | sent to grader | time | notes |", "|---|---:|---:|---:|---:|---:|---:|---|"];
  for (const r of rows) lines.push(`| ${r.fault} | ${r.submissions} | ${r.verdicts} | ${r.notGradable} | ${r.lost} | ${r.sends} | ${r.seconds.toFixed(0)} s | ${r.notes} |`);
  return lines.join("\n");
}
