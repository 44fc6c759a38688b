// The instructor's side of a cohort, with a real learner grading for real: in Debian's chromium against the
// production build and the real grader on the real engine. The demo instructor creates a cohort and copies its join
// link; a visitor opens it, reads what will be shared, creates an account, comes back and joins; they grade the
// first-service starter three times (it fails on `starts` each time: the stuck rule is three in a row on one check)
// and then pass. Meanwhile the instructor's matrix, never reloaded, shows the failing cell, the stuck flag and then
// the pass; the cluster for `starts` lists the learner; the wide CSV downloads and parses with the expected rows.
import { mkdirSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { e2eDemoPassword } from "../../playwright.config";
import { openEditor } from "./exercise-editor";

const exerciseUrl = "/learn/containers/dockerize-a-service/exercises/first-service";
const cohortName = `Evening cohort ${Date.now().toString(36)}`;
const learnerEmail = `cohort-learner-${Date.now().toString(36)}@example.test`;

async function gradeAndWait(page: Page, status: "fail" | "pass") {
  await page.getByRole("button", { name: "Grade", exact: true }).click();
  await expect(page.getByRole("button", { name: "Grading…" })).toBeVisible();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", status, { timeout: 180_000 });
}

test("an instructor follows a learner who joined with consent: live matrix, stuck flag, cluster, CSV", async ({ browser }) => {
  test.setTimeout(600_000);
  mkdirSync("artifacts", { recursive: true });

  // The instructor makes a cohort and copies its join link.
  const instructorContext = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const teacher = await instructorContext.newPage();
  await teacher.goto("/signin?next=/instructor");
  await teacher.getByLabel("Email").fill("instructor@shipshape.local");
  await teacher.getByLabel("Password").fill(e2eDemoPassword);
  await teacher.getByRole("button", { name: "Sign in", exact: true }).click();
  await teacher.waitForURL((url) => url.pathname === "/instructor", { timeout: 60_000 });
  // The demo seed's cohort is there from the start.
  await expect(teacher.getByRole("link", { name: "Demo cohort" })).toBeVisible();
  await teacher.getByLabel("Name").fill(cohortName);
  await teacher.getByRole("button", { name: "Create cohort" }).click();
  await teacher.getByRole("link", { name: cohortName }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: cohortName })).toBeVisible();
  const joinLink = await teacher.getByTestId("join-link").inputValue();
  expect(joinLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join\/[A-Za-z0-9_-]{16}$/);
  await teacher.getByRole("button", { name: "Copy link" }).click();
  await expect(teacher.getByText("Link copied.")).toBeVisible();
  expect(await teacher.evaluate(() => navigator.clipboard.readText())).toBe(joinLink);
  await expect(teacher.getByText("Nobody has joined yet. Share the join link.")).toBeVisible();

  // A visitor opens the link: the cohort, its instructor and what will be shared, before any account exists.
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  await learner.goto(joinLink);
  await expect(learner.getByRole("heading", { level: 1, name: `Join “${cohortName}”` })).toBeVisible();
  const statement = learner.getByTestId("sharing-statement");
  await expect(statement).toContainText("What Demo Instructor will see");
  await expect(statement).toContainText("Every exercise submission: the files you sent, the grading's log and checks");
  await expect(statement).toContainText("Your quick test attempts, with your answers and scores.");
  await learner.getByRole("link", { name: "create an account" }).click();
  await learner.getByLabel("Email").fill(learnerEmail);
  await learner.getByLabel("Password").fill("a long enough passphrase");
  await learner.getByRole("button", { name: "Create account" }).click();
  // Back on the join page, now signed in: joining needs the learner's own tick.
  await learner.waitForURL((url) => url.pathname.startsWith("/join/"), { timeout: 60_000 });
  const join = learner.getByRole("button", { name: "Join the cohort" });
  await expect(join).toBeDisabled();
  await learner.getByLabel(`I have read what is shared and want to join “${cohortName}”.`).check();
  await join.click();
  await expect(learner.getByTestId("joined")).toContainText("You are in this cohort");

  // The instructor's page, not reloaded from here on, shows the new member.
  const row = teacher.locator(`tr[data-learner="${learnerEmail}"]`);
  await expect(row).toBeVisible({ timeout: 10_000 });
  const cell = row.locator('td[data-exercise="first-service"]');
  await expect(cell).toHaveAttribute("data-state", "not-started");

  // The starter fails on `starts` (no CMD) three times in a row.
  await learner.goto(exerciseUrl);
  await expect(learner.getByRole("heading", { level: 1, name: "Your first containerized web service" })).toBeVisible();
  for (let i = 1; i <= 3; i++) {
    await gradeAndWait(learner, "fail");
    await expect(learner.getByTestId("live-view").locator('[data-check="starts"]')).toHaveAttribute("data-status", "fail");
    // Within 5 s of the verdict, without a reload (the page polls every 2.5 s).
    await expect(cell).toHaveAttribute("data-state", "failing", { timeout: 5_000 });
    await expect(cell).toContainText(`failing: ${i} attempt${i === 1 ? "" : "s"} · starts`, { timeout: 5_000 });
  }
  const stuck = row.getByTestId("stuck-cell").locator('[data-stuck="repeating-failure"]');
  await expect(stuck).toContainText("first-service: failed “starts” three times in a row", { timeout: 5_000 });

  // The cluster for `starts` lists the learner, with the check's hint and an example.
  const cluster = teacher.getByTestId("clusters").locator('section[data-exercise="first-service"] li[data-check="starts"]');
  await expect(cluster).toContainText("fail first on “");
  await expect(cluster).toContainText("Hint they see:");
  await cluster.locator("summary").first().click();
  await expect(cluster.getByRole("link", { name: learnerEmail })).toBeVisible();
  await teacher.getByTestId("cohort-matrix").screenshot({ path: "artifacts/cohort-matrix-stuck.png" });
  await teacher.getByTestId("clusters").screenshot({ path: "artifacts/cohort-clusters.png" });

  // One click from the cluster to the learner, the second shows their failing log (read-only live view).
  const drill = await instructorContext.newPage();
  await drill.goto(await cluster.getByRole("link", { name: learnerEmail }).getAttribute("href").then((h) => h ?? ""));
  await expect(drill.getByRole("heading", { level: 1, name: learnerEmail })).toBeVisible();
  await expect(drill.getByTestId("verdict")).toHaveAttribute("data-status", "fail");
  await expect(drill.getByTestId("live-view").locator('[data-check="starts"]')).toHaveAttribute("data-status", "fail");
  await expect(drill.getByRole("button", { name: "Grade again" })).toHaveCount(0);
  await expect(drill.getByTestId("learner-timeline").locator('li[data-kind="attempt"]')).toHaveCount(3);
  await drill.close();

  // The learner fixes the Dockerfile and passes; the instructor's cell turns green, still without a reload.
  await openEditor(learner);
  const editor = learner.locator(".cm-content");
  await editor.click();
  await learner.keyboard.press("Control+End");
  await learner.keyboard.insertText('\nEXPOSE 5000\nCMD ["python", "app.py"]\n');
  await gradeAndWait(learner, "pass");
  await expect(cell).toHaveAttribute("data-state", "passed", { timeout: 5_000 });
  await expect(cell).toContainText("passed");
  await expect(row.getByTestId("stuck-cell").locator('[data-stuck="repeating-failure"]')).toHaveCount(0);
  await teacher.getByTestId("cohort-matrix").screenshot({ path: "artifacts/cohort-matrix-passed.png" });

  // The wide CSV downloads and parses: a header row, and one row for the learner with the pass.
  const downloading = teacher.waitForEvent("download");
  await teacher.getByRole("link", { name: "CSV: a row per learner", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^evening-cohort-[a-z0-9]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse<Record<string, string>>(readFileSync(await download.path()), { columns: true });
  expect(rows.map((r) => r.email)).toEqual([learnerEmail]);
  expect(rows[0]?.["exercise:first-service"]).toMatch(/^passed \d{4}-\d{2}-\d{2}T/);
  expect(rows[0]?.stuck).toBe("");

  // The learner leaves in settings; the instructor stops seeing them at the next refresh.
  await learner.goto("/settings");
  await learner.getByRole("button", { name: `Leave ${cohortName}` }).click();
  await expect(learner.getByText("You are not in any cohort.")).toBeVisible();
  await expect(row).toHaveCount(0, { timeout: 5_000 });

  await learnerContext.close();
  await instructorContext.close();
});
