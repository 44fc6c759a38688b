// Issue 11 in a real browser against the production build: sign-out revokes a copied cookie; "forgot password"
// mails a link (read from the development outbox the server writes) that works once, and signing in from a
// crafted `next=/%09/…` link stays on the site; dynamic pages carry a nonce CSP and the other headers; "sign out
// everywhere" ends the session. Every page here also runs under the enforced CSP (csp-reports.ts).
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { expect, test, type Page } from "@playwright/test";
import { e2eOutboxDir } from "@/playwright.config";

async function mailTo(email: string, since: number): Promise<string> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
    const names = await readdir(e2eOutboxDir).catch(() => [] as string[]);
    for (const name of names.sort().reverse()) {
      const file = path.join(e2eOutboxDir, name);
      if ((await stat(file)).mtimeMs < since) continue;
      const mail = await simpleParser(await readFile(file));
      const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join() : (mail.to?.text ?? "");
      if (to.includes(email)) return mail.text ?? "";
    }
  }
  throw new Error(`no mail to ${email} in ${e2eOutboxDir}`);
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("sign-out revokes, recovery by mail works once, next= stays on site, headers, sign out everywhere", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const email = `security-${Date.now()}@example.test`;
  const site = new URL(baseURL ?? "").host;

  await page.goto("/signup?next=/me");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("first passphrase here");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === "/me");

  // A copy of the session cookie in another browser works… until the owner signs out.
  const copy = await browser.newContext();
  await copy.addCookies(await page.context().cookies());
  expect((await copy.request.get(`${baseURL}/api/me`)).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect.poll(async () => (await copy.request.get(`${baseURL}/api/me`)).status()).toBe(401);
  await copy.close();

  // Forgot password → mail → new password, once.
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.waitForURL((url) => url.pathname === "/forgot-password");
  // The form is a server action: let the page hydrate so the click is not lost on a loaded machine.
  await page.waitForLoadState("networkidle");
  const asked = Date.now() - 1000;
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByTestId("reset-sent")).toBeVisible({ timeout: 30_000 });
  const link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(await mailTo(email, asked))?.[0];
  if (!link) throw new Error("no reset link in the mail");
  const resetPath = new URL(link).pathname + new URL(link).search;
  await page.goto(resetPath);
  await page.getByLabel("New password").fill("second passphrase here");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await page.waitForURL((url) => url.pathname === "/signin");
  await expect(page.getByText("Your new password is set")).toBeVisible();
  await page.goto(resetPath);
  await page.getByLabel("New password").fill("third passphrase here");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("This link is used, expired or wrong.")).toBeVisible();

  // The reported open redirect: a tab the browser would strip to make //127.0.0.1:3999/phish.
  await page.goto("/signin?next=/%09/127.0.0.1:3999/phish");
  await signIn(page, email, "first passphrase here");
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await signIn(page, email, "second passphrase here");
  await page.waitForURL((url) => url.pathname === "/me");
  expect(new URL(page.url()).host).toBe(site);

  // Headers of a dynamic page.
  const response = await page.goto("/settings");
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  // Sign out everywhere.
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.waitForURL((url) => url.pathname === "/signin");
  await expect(page.getByText("Every session of your account has ended.")).toBeVisible();
  expect((await page.request.get("/api/me")).status()).toBe(401);
});
