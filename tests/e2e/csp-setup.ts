import { e2ePort } from "@/playwright.config";
import { cspReportFile, emptyCspReports } from "./csp-reports";

export default async function globalSetup(): Promise<void> {
  await emptyCspReports(cspReportFile(e2ePort));
}
