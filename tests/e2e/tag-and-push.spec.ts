// The tag-and-push project as a learner grades it, in Debian's chromium against the production build and the real
// grader on the real engine: sign in, open tag-and-push, replace the starter's pipeline.yaml with the reference,
// grade, and watch the pipeline's steps (build, tags, pushes to the grading's own registry) stream into the live
// view's output before the verdict, then every registry check pass.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./demo-accounts";

const exerciseUrl = "/learn/containers/dockerize-a-service/exercises/tag-and-push";
const reference = "content/containers/dockerize-a-service/exercises/tag-and-push/solution/pipeline.yaml";

test("a learner grades the tag-and-push reference and watches the pipeline push to the grading's registry", async ({ page }, testInfo) => {
  test.setTimeout(420_000);
  await signIn(page, "learner", exerciseUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Project: build, tag with the commit, push" })).toBeVisible();

  await page.getByRole("list", { name: "Files" }).getByRole("button", { name: "pipeline.yaml", exact: true }).click();
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-path", "pipeline.yaml");
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(fs.readFileSync(reference, "utf8"));

  // Records whether the pushes were on screen before the verdict was.
  await page.evaluate(() => {
    const w = window as unknown as { pushSeenBeforeVerdict: boolean | null };
    w.pushSeenBeforeVerdict = null;
    new MutationObserver(() => {
      if (w.pushSeenBeforeVerdict !== null) return;
      const log = document.querySelector("[role=log]")?.textContent ?? "";
      const verdict = document.querySelector("[data-testid=verdict]") !== null;
      if (log.includes("[pipeline] step 9: push")) w.pushSeenBeforeVerdict = !verdict;
      else if (verdict) w.pushSeenBeforeVerdict = false;
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByRole("button", { name: "Grade", exact: true }).click();

  const liveView = page.getByTestId("live-view");
  const output = liveView.getByRole("log", { name: "Build and container output" });
  await expect(output).toContainText("[pipeline] step 1: build app:", { timeout: 240_000 });
  await expect(output).toContainText(/\[pipeline\] step 6: push 127\.0\.0\.1:\d+\/app:[0-9a-f]{40}/, { timeout: 240_000 });

  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-status", "pass", { timeout: 240_000 });
  for (const id of ["pipeline-valid", "build", "commit-sha-tag", "tags-pushed", "starts", "responds"]) {
    await expect(liveView.locator(`[data-check="${id}"]`)).toHaveAttribute("data-status", "pass");
  }
  await expect(liveView.locator('[data-check="tags-pushed"]')).toContainText(/app holds :[0-9a-f]{40}, :1\.2\.0, :1, :latest, all on sha256:/);
  expect(await page.evaluate(() => (window as unknown as { pushSeenBeforeVerdict: boolean | null }).pushSeenBeforeVerdict)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("tag-and-push-live-view.png"), fullPage: true });
});
