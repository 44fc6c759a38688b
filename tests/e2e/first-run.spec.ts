// The first start on a new machine, as a new user lives it: `npm start` (the script itself) against a fresh Docker
// engine holding no image at all, nobody having run `npm run grader:images`. The grader makes the lesson images in
// the background; the exercise page says they are being prepared; a Grade pressed meanwhile waits in the queue with
// that reason shown instead of failing at FROM; once the image is there the reference solution's Dockerfile PASSes.
//
// The engine is the test's own (tests/support/private-engine.ts), so the shared lesson images colleagues test against
// are never touched. To see the waiting deterministically the test holds the kit's lock while the learner presses
// Grade (the grader reports that as "queued" and waits, as it does for a kit run started by hand), then lets go.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test, type Route } from "@playwright/test";
import type { BaseImageStatus, GraderHealth } from "../../grader/contract";
import { kitCacheRoot } from "../../grader/images/kit";
import { acquireKitLock, KitBusyError } from "../../grader/images/kit-lock";
import { startPrivateEngine, type PrivateEngine } from "../support/private-engine";
import { openEditor } from "./exercise-editor";

const webPort = Number(process.env.FIRST_RUN_PORT ?? 3950);
const graderPort = Number(process.env.FIRST_RUN_GRADER_PORT ?? 4950);
const base = `http://127.0.0.1:${webPort}`;
const exerciseUrl = `${base}/learn/containers/dockerize-a-service/exercises/first-service`;
const solution = readFileSync("content/containers/dockerize-a-service/exercises/first-service/solution/Dockerfile", "utf8");
const runId = `${process.pid}-${Date.now()}`;
const databaseDir = path.join(os.tmpdir(), `pfirst-db-${runId}`);

let engine: PrivateEngine | undefined;
let start: ChildProcess | undefined;
let startLog = "";
let releaseKitLock: (() => Promise<void>) | undefined;

/** Takes the checkout's kit lock, waiting while a kit run started elsewhere finishes. */
async function holdKitLock(): Promise<() => Promise<void>> {
  for (let i = 0; i < 600; i++) {
    try {
      return await acquireKitLock(path.join(kitCacheRoot, "kit.lock"));
    } catch (err) {
      if (!(err instanceof KitBusyError)) throw err;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
  throw new Error("another kit run held the lock for 10 minutes");
}

async function health(): Promise<GraderHealth | null> {
  try {
    return (await (await fetch(`http://127.0.0.1:${graderPort}/healthz`)).json()) as GraderHealth;
  } catch {
    return null;
  }
}

async function untilAnswers(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (start?.exitCode !== null) throw new Error(`npm start exited with ${start?.exitCode}:\n${startLog.slice(-3000)}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s:\n${startLog.slice(-3000)}`);
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  releaseKitLock = await holdKitLock();
  engine = await startPrivateEngine(path.join(os.tmpdir(), `pfirst-engine-${runId}`));
  // `npm start` itself (the script behind it), on the fresh engine, its own database and ports.
  start = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-build"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DOCKER_HOST: engine.host,
      PORT: String(webPort),
      GRADER_PORT: String(graderPort),
      GRADER_URL: `http://127.0.0.1:${graderPort}`,
      GRADER_NAME: "pfirst",
      GRADER_TOKEN: "first-run-grader-token-0123456789abcdef",
      AUTH_SECRET: "first-run-auth-secret-not-for-production-0123456789",
      PGLITE_DIR: databaseDir,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const keep = (c: Buffer) => (startLog = (startLog + c.toString("utf8")).slice(-200_000));
  start.stdout?.on("data", keep);
  start.stderr?.on("data", keep);
  await untilAnswers(`${base}/`, 300_000);
  await untilAnswers(`http://127.0.0.1:${graderPort}/healthz`, 60_000);
});

// On a failure, what `npm start` said is the only account of the server's side: CI keeps no trace of it otherwise.
test.afterEach(() => {
  const { status, expectedStatus } = test.info();
  if (status !== expectedStatus) console.error(`npm start's last output:\n${startLog.slice(-6000)}`);
});

test.afterAll(async () => {
  if (start?.pid && start.exitCode === null) {
    const stopped = new Promise((r) => start?.once("exit", r));
    process.kill(-start.pid, "SIGTERM");
    await Promise.race([stopped, new Promise((r) => setTimeout(r, 30_000))]);
  }
  await releaseKitLock?.();
  await engine?.stop();
  await rm(databaseDir, { recursive: true, force: true });
});

test("on a fresh engine, npm start prepares the base images while serving; a grading waits for them, then passes", async ({ page }) => {
  test.setTimeout(600_000);
  const fresh = await health();
  expect(fresh?.ok && fresh.baseImageProvisioning).toBe("kit");
  const slim = fresh?.ok ? fresh.baseImages.find((i) => i.name === "python:3.11-slim") : undefined;
  expect(slim?.state).toBe("queued");

  // A new account, straight to the exercise.
  await page.goto(`${base}/signup?next=${encodeURIComponent(new URL(exerciseUrl).pathname)}`);
  await page.getByLabel("Email").fill(`first-run-${runId}@example.test`);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(exerciseUrl, { timeout: 60_000 });

  const environment = page.getByRole("complementary", { name: "Where your Dockerfile is graded" });
  await expect(environment.getByTestId("grading-readiness")).toHaveAttribute("data-state", "preparing");
  await expect(environment.getByTestId("grading-readiness")).toContainText("The grader is preparing python:3.11-slim");
  await expect(environment.locator('[data-image="python:3.11-slim"]')).toHaveAttribute("data-state", "queued");
  mkdirSync("artifacts", { recursive: true });
  await environment.screenshot({ path: "artifacts/first-run-preparing.png" });

  // The reference solution's Dockerfile, graded before its base image exists: it waits, saying why.
  await openEditor(page);
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(solution);
  await expect(editor).toContainText('CMD ["python", "app.py"]');
  await page.getByRole("button", { name: "Grade", exact: true }).click();
  const liveView = page.getByTestId("live-view");
  await expect(liveView.getByTestId("queue-reason")).toContainText("Waiting for the base image this Dockerfile needs", { timeout: 60_000 });
  await expect(liveView.getByTestId("queue-reason")).toContainText("python:3.11-slim");
  await liveView.screenshot({ path: "artifacts/first-run-waiting.png" });

  // Meanwhile the page asks for its server data again to follow the preparation, one request at a time: slowed to
  // longer than its period (as a server busy making images answers), the requests wait for each other, not pile up.
  const exercisePath = new URL(exerciseUrl).pathname;
  const isRefresh = (url: URL) => url.pathname === exercisePath && url.searchParams.has("_rsc");
  let refreshes = 0;
  let inFlight = 0;
  let mostAtOnce = 0;
  const slowly = async (route: Route) => {
    refreshes++;
    mostAtOnce = Math.max(mostAtOnce, ++inFlight);
    try {
      await new Promise((r) => setTimeout(r, 8_000));
      await route.fulfill({ response: await route.fetch() });
    } finally {
      inFlight--;
    }
  };
  await page.route(isRefresh, slowly);
  await expect.poll(() => refreshes, { timeout: 40_000 }).toBeGreaterThanOrEqual(2);
  await page.unrouteAll({ behavior: "wait" });
  expect(mostAtOnce).toBe(1);

  // Let the grader's kit run; watch /healthz report the image being prepared step by step.
  const seen: BaseImageStatus[] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const h = await health();
      const s = h?.ok ? h.baseImages.find((i) => i.name === "python:3.11-slim") : undefined;
      if (s) seen.push(s);
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  await releaseKitLock?.();
  releaseKitLock = undefined;

  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-status", "pass", { timeout: 480_000 });
  await expect(verdict).toContainText("score 100%");
  watching = false;
  await watcher;
  const preparing = seen.filter((s) => s.state === "preparing" && s.progress);
  expect(preparing.length, JSON.stringify(seen.slice(-5))).toBeGreaterThan(0);
  expect(preparing[0]?.progress).toMatchObject({ step: expect.any(Number), steps: expect.any(Number), percent: expect.any(Number) });
  expect(seen.at(-1)?.state).toBe("ready");

  // Counted as the learner's first attempt, and the page now says grading is ready.
  const attempts = page.getByRole("list", { name: "Attempts" }).getByRole("listitem");
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first()).toHaveAttribute("data-status", "PASSED");
  await page.reload();
  await expect(environment.getByTestId("grading-readiness")).toHaveAttribute("data-state", "ready");
  await expect(environment.locator('[data-image="python:3.11-slim"]')).toHaveAttribute("data-state", "ready");
  expect(startLog).toMatch(/base images: python:3\.11-slim: tagged/);
});
