// The per-address sign-in limit in a real browser against the production build: wrong sign-ins spend the loopback
// address's whole budget, a forged X-Forwarded-For does not escape it, and a client on another loopback address is
// unaffected. Because it leaves 127.0.0.1 unable to sign in for a while, playwright.config.ts runs it after every
// other spec (its own project, depending on the rest).
import { expect, test, type Page } from "@playwright/test";
import { e2eDemoPassword } from "@/playwright.config";

async function signInWith(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** POSTs next-auth's credentials callback from another loopback source address (127.0.0.2), as a second client. */
async function signInFrom(localAddress: string, baseURL: string, email: string, password: string): Promise<string> {
  const { request } = await import("node:http");
  const send = (method: string, pathname: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const url = new URL(pathname, baseURL);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method, localAddress, headers }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on("error", reject);
      req.end(body);
    });
  const csrf = await send("GET", "/api/auth/csrf", {});
  const cookie = ([] as string[]).concat(csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/me" }).toString();
  const answer = await send("POST", "/api/auth/callback/credentials", { cookie, "content-type": "application/x-www-form-urlencoded", origin: new URL(baseURL).origin }, form);
  return String(answer.headers.location ?? answer.status);
}

test("the per-address limit keys on the real peer: forged X-Forwarded-For does not escape it, another client is unaffected", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  // Wrong sign-ins on ever new accounts until this address's budget (30, part of it spent by the specs before) runs out.
  const codes: string[] = [];
  while (!codes.includes("rate-limited") && codes.length <= 30) {
    const location = await signInFrom("127.0.0.1", base, `nobody-${codes.length}-${Date.now()}@example.test`, "wrong password");
    codes.push(/code=([\w-]+)/.exec(location)?.[1] ?? location);
  }
  expect(codes.at(-1)).toBe("rate-limited");
  expect(codes.slice(0, -1).every((c) => c === "wrong-credentials")).toBe(true);
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.200", "x-real-ip": "203.0.113.200" });
  await page.goto("/signin");
  await signInWith(page, "learner@shipshape.local", "wrong password");
  await expect(page.getByText(/Too many sign-in attempts/)).toBeVisible();
  // The web saw the socket's peer: a client on another loopback address signs in as usual.
  expect(await signInFrom("127.0.0.2", base, "learner@shipshape.local", e2eDemoPassword)).toMatch(/\/me$/);
});
