// A regrade in Debian's Chromium against the production build and the real grader: a learner grades first-service's
// starter (it fails), an admin regrades the learners' latest submissions from /admin/regrades and watches the report
// fill in as the low-priority grading runs: the learner's verdict is the same (failed → failed, nothing flipped), and
// the listing counts it as unchanged. Screenshot in test-results/admin-regrades/.
import { expect, test } from "@playwright/test";
import { signedIn } from "./demo-accounts";

const shots = "test-results/admin-regrades";
const exercise = "first-service";

test("an admin regrades the learners' latest submissions and watches the report", async ({ browser }) => {
  test.setTimeout(420_000);
  const learner = await signedIn(browser, "learner");
  await learner.goto(`/learn/containers/dockerize-a-service/exercises/${exercise}`);
  await learner.getByRole("button", { name: "Grade", exact: true }).click();
  await expect(learner.getByTestId("verdict")).toHaveAttribute("data-status", "fail", { timeout: 180_000 });

  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin/regrades");
  const row = admin.getByTestId(`regrade-${exercise}`);
  await row.getByRole("button", { name: /Regrade learners' latest \(\d+\)/ }).click();
  await expect(admin).toHaveURL(/\/admin\/regrades\/[^/]+$/);
  const progress = admin.getByTestId("regrade-progress");
  await expect(progress).toContainText("running at low priority");
  await expect(progress).toContainText("· done", { timeout: 240_000 });
  await expect(progress).toContainText("0 verdicts changed");
  await expect(admin.getByTestId("regrade-row").filter({ hasText: "learner@shipshape.local" })).toContainText("failed → failed");
  await admin.screenshot({ path: `${shots}/regrade-report.png`, fullPage: true });

  // The regrades page lists it, finished, with nothing changed.
  await admin.goto("/admin/regrades");
  await expect(row).toContainText("0 changed");
});
