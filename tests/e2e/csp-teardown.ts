import { e2ePort } from "@/playwright.config";
import { assertNoCspReports, cspReportFile } from "./csp-reports";

export default async function globalTeardown(): Promise<void> {
  await assertNoCspReports(cspReportFile(e2ePort));
}
