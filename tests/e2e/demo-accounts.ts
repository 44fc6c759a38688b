// Signing in as one of the demo accounts the e2e server seeds (DEMO_PASSWORD in playwright.config.ts), through the
// sign-in form as a person would. Password hashing is deliberately slow, so a busy machine takes a while.
import { expect, type Browser, type Page } from "@playwright/test";
import { e2eDemoPassword } from "@/playwright.config";

export type DemoAccount = "learner" | "admin" | "instructor";

/**
 * Signs `page` in; with `next`, waits to land there, otherwise until the header shows the account. Landing is the
 * form's own navigation and refresh: loading `next` again straight after raced them (ERR_ABORTED once in CI).
 */
export async function signIn(page: Page, who: DemoAccount, next?: string): Promise<void> {
  await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : "/signin");
  await page.getByLabel("Email").fill(`${who}@shipshape.local`);
  await page.getByLabel("Password").fill(e2eDemoPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (next) await expect(page).toHaveURL(new RegExp(`${next}$`), { timeout: 60_000 });
  else await expect(page.getByRole("link", { name: "My progress" })).toBeVisible({ timeout: 60_000 });
}

/** A fresh browser context signed in as `who`. */
export async function signedIn(browser: Browser, who: DemoAccount): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}
