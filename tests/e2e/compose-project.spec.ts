// The Compose project as a learner grades it, in Debian's chromium against the production build and the real
// grader on the real engine: sign in, open compose-sidecar, turn the starter into the reference (compose.yaml and
// the API's Dockerfile typed into the editor), grade, and watch each service's health and output stream into the
// live view before the verdict: postgres:15 and the API built from ./api, both healthy, the CRUD checks passed.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./demo-accounts";

const exerciseUrl = "/learn/containers/dockerize-a-service/exercises/compose-sidecar";
const reference = "content/containers/dockerize-a-service/exercises/compose-sidecar/solution";

/** Replaces a file's whole text in the editor, as a learner pasting their own version would. */
async function replaceFile(page: Page, file: string) {
  await page.getByRole("list", { name: "Files" }).getByRole("button", { name: file, exact: true }).click();
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-path", file);
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(fs.readFileSync(path.join(reference, file), "utf8"));
}

/** Records, in the page, every state each service showed and whether the verdict was on screen at that moment. */
async function watchServices(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { serviceTimeline: { service: string; state: string; verdict: boolean; logChars: number }[] };
    w.serviceTimeline = [];
    new MutationObserver(() => {
      const verdict = document.querySelector("[data-testid=verdict]") !== null;
      for (const el of document.querySelectorAll<HTMLElement>("[data-testid=compose-service]")) {
        const service = el.dataset.service ?? "";
        const state = el.dataset.state ?? "";
        const logChars = el.querySelector("[role=log] pre")?.textContent?.length ?? 0;
        const last = w.serviceTimeline.findLast((t) => t.service === service);
        if (!last || last.state !== state || (last.logChars === 0 && logChars > 0)) w.serviceTimeline.push({ service, state, verdict, logChars });
      }
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-state"] });
  });
}

test("a learner grades the Compose project's reference and watches each service's health and output stream in", async ({ page }, testInfo) => {
  test.setTimeout(420_000);
  await signIn(page, "learner", exerciseUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Project: a CRUD API with a PostgreSQL sidecar" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your task" }).locator("code", { hasText: "condition: service_healthy" })).toBeVisible();

  await replaceFile(page, "compose.yaml");
  await replaceFile(page, "api/Dockerfile");
  await expect(page.locator(".cm-content")).not.toContainText("ENV PGPASSWORD");

  await watchServices(page);
  await page.getByRole("button", { name: "Grade", exact: true }).click();
  const liveView = page.getByTestId("live-view");
  const services = liveView.getByRole("region", { name: "Compose services" });
  const db = services.locator('[data-testid=compose-service][data-service="db"]');
  const api = services.locator('[data-testid=compose-service][data-service="api"]');
  // While the grading runs: the database reports healthy and says so in its own output, the API is built and up.
  await expect(db).toHaveAttribute("data-state", "healthy", { timeout: 240_000 });
  await expect(db.getByRole("log", { name: "Output of db" })).toContainText("database system is ready to accept connections");
  await expect(api.getByRole("log", { name: "Output of api" })).toContainText("items API listening on port 8000", { timeout: 120_000 });

  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-status", "pass", { timeout: 240_000 });
  for (const id of ["compose-valid", "compose-waits-healthy", "compose-db-private", "compose-secrets-env", "compose-healthy", "compose-crud", "compose-persists"]) {
    await expect(liveView.locator(`[data-check="${id}"]`)).toHaveAttribute("data-status", "pass");
  }
  await expect(verdict).toContainText("score 100%");
  await page.screenshot({ path: testInfo.outputPath("compose-live-view.png"), fullPage: true });

  const timeline = await page.evaluate(() => (window as unknown as { serviceTimeline: { service: string; state: string; verdict: boolean; logChars: number }[] }).serviceTimeline);
  const beforeVerdict = timeline.filter((t) => !t.verdict);
  // Streamed, not replayed at the end: each service passed through states, and showed output, before the verdict.
  expect(beforeVerdict.filter((t) => t.service === "api").map((t) => t.state)).toEqual(expect.arrayContaining(["building", "healthy"]));
  expect(beforeVerdict.filter((t) => t.service === "db").map((t) => t.state)).toEqual(expect.arrayContaining(["starting", "healthy"]));
  expect(beforeVerdict.some((t) => t.service === "db" && t.logChars > 0)).toBe(true);
  // The API was restarted by the grader (compose-persists) and came back.
  expect(beforeVerdict.filter((t) => t.service === "api").map((t) => t.state)).toContain("restarting");
});
