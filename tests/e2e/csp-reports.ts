// Every browser test runs with the CSP enforced and reporting: the web server under test appends each violation
// report to this file (CSP_REPORT_FILE), global setup empties it and global teardown fails the run on any line,
// so no spec has to opt in.
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export function cspReportFile(port: number): string {
  return path.join(os.tmpdir(), `shipshape-e2e-csp-reports-${port}.jsonl`);
}

export async function emptyCspReports(file: string): Promise<void> {
  await writeFile(file, "");
}

export async function assertNoCspReports(file: string): Promise<void> {
  const lines = (await readFile(file, "utf8").catch(() => "")).split("\n").filter(Boolean);
  if (lines.length) throw new Error(`The pages broke their Content-Security-Policy ${lines.length} time(s):\n${lines.slice(0, 10).join("\n")}`);
}
