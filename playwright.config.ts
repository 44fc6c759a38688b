import os from "node:os";
import path from "node:path";
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { cspReportFile } from "./tests/e2e/csp-reports";
import { settingTable } from "./grader/config";

// Browser tests run against a production build served by the same start script as `npm start`, on a fresh
// embedded database. `npm test` builds first (NEXT_DIST_DIR, default .next-e2e); run alone:
//   NEXT_DIST_DIR=.next-e2e npx next build && npx playwright test
const port = Number(process.env.E2E_PORT ?? 3900);
export const e2ePort = port;
/** Account mail of the server under test, as .eml files (no SMTP server configured): tests/e2e/security.spec.ts reads it. */
export const e2eOutboxDir = path.join(os.tmpdir(), `shipshape-e2e-outbox-${port}`);
const distDir = process.env.NEXT_DIST_DIR ?? ".next-e2e";
const dataDir = process.env.E2E_PGLITE_DIR ?? path.join(os.tmpdir(), `shipshape-e2e-${port}-${Date.now()}`);

/** Debian's chromium where it is installed; otherwise Playwright's own browser (`npx playwright install chromium`). */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => Boolean(p && existsSync(p)));
}

/** Shared with bench/first-event.ts, which drives the same browser. */
export const chromiumLaunchOptions = {
  executablePath: chromiumPath(),
  // The machine has no route out: these stop Chromium's own background traffic.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export const e2eDemoPassword = "e2e-demo-password";
/** Offered by the e2e grader but never on its engine: a Dockerfile naming it is not gradable (tests/e2e/not-gradable.spec.ts). */
export const e2eMissingImage = "shipshape-e2e/retired:1";
const graderPort = Number(process.env.E2E_GRADER_PORT ?? 4900);
const graderToken = "e2e-grader-token-not-for-production-0123456789";

export default defineConfig({
  testDir: "tests/e2e",
  // The CSP is enforced on every page; any violation the server hears of fails the run (tests/e2e/csp-reports.ts).
  globalSetup: "./tests/e2e/csp-setup.ts",
  globalTeardown: "./tests/e2e/csp-teardown.ts",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  projects: [
    { name: "browser", testIgnore: /sign-in-limits\.spec\.ts$/ },
    // Spends 127.0.0.1's whole sign-in budget, so it runs once every other spec has signed in.
    { name: "sign-in limits", testMatch: /sign-in-limits\.spec\.ts$/, dependencies: ["browser"] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  webServer: [
    {
      command: "npx tsx scripts/start.ts --no-build --web-only",
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      // Migrations, content sync and the demo accounts come first: a loaded 2-core machine needs minutes.
      timeout: 300_000,
      stdout: "pipe",
      env: {
        PORT: String(port),
        PGLITE_DIR: dataDir,
        NEXT_DIST_DIR: distDir,
        DEMO_PASSWORD: e2eDemoPassword,
        AUTH_SECRET: "e2e-auth-secret-not-for-production-0123456789",
        GRADER_TOKEN: graderToken,
        GRADER_URL: `http://127.0.0.1:${graderPort}`,
        NEXT_TELEMETRY_DISABLED: "1",
        CSP_REPORT_FILE: cspReportFile(port),
        MAIL_OUTBOX_DIR: e2eOutboxDir,
      },
    },
    {
      // The grader the exercise pages grade with, on the real engine (tests/e2e/grading.spec.ts).
      command: "npx tsx grader/main.ts",
      url: `http://127.0.0.1:${graderPort}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      // The shared engine's lesson images come from `npm run grader:images` (npm test's first step); making them
      // is tested on a fresh engine of its own by tests/e2e/first-run.spec.ts.
      env: { GRADER_PORT: String(graderPort), GRADER_HOST: "127.0.0.1", GRADER_TOKEN: graderToken, GRADER_NAME: "e2e", GRADER_BASE_IMAGES: "off", GRADER_OFFERED_IMAGES: [settingTable.offeredImages.default, e2eMissingImage].join(",") },
    },
  ],
});
