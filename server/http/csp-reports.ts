import "server-only";
// CSP violation reports: one log line each, and a line in CSP_REPORT_FILE when set — the browser tests set it
// and fail the run on any line (tests/e2e/csp-report-check.ts), so a page that breaks the policy cannot pass.
import { appendFile } from "node:fs/promises";
import { env } from "@/server/env";

export async function recordCspReport(report: unknown, userAgent: string | null): Promise<void> {
  const line = JSON.stringify({ at: new Date().toISOString(), userAgent, report });
  console.warn(`csp violation ${line}`);
  if (env.CSP_REPORT_FILE) await appendFile(env.CSP_REPORT_FILE, `${line}\n`);
}
