// Row "a session cookie copied before sign-out: still valid after sign-out (30-day JWT, nothing revoked)".
// Sessions carry the user's session version; sign-out (next-auth's own sign-out endpoint, run for real), "sign out
// everywhere" and a password reset bump it, and a copy of the cookie taken before stops working everywhere:
// route handlers (GET /api/me) and next-auth's own session endpoint alike.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ctx, openSecurityDb, pageRequest, sessionCookie, site, type SecurityDb } from "./support";

let sdb: SecurityDb;

beforeAll(async () => {
  sdb = await openSecurityDb();
});

afterAll(async () => {
  await sdb.close();
});

async function authEndpoint(path: string, init: { method?: string; cookie?: string; form?: Record<string, string> } = {}): Promise<Response> {
  const { Auth } = await import("@auth/core");
  const { authConfig } = await import("@/server/auth/config");
  const headers = new Headers({ origin: site });
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.form) headers.set("content-type", "application/x-www-form-urlencoded");
  const request = new Request(`${site}/api/auth/${path}`, { method: init.method ?? "GET", headers, body: init.form ? new URLSearchParams(init.form).toString() : undefined });
  return Auth(request, { ...authConfig, basePath: "/api/auth" });
}

const me = async (cookie: string) => (await import("@/app/api/me/route")).GET(pageRequest("/api/me", { cookie }), ctx({}));

it("signing out revokes the cookie: a copy taken before answers 401 afterwards", async () => {
  const user = sdb.fx.users.learner;
  const copied = await sessionCookie(user);
  expect((await me(copied)).status).toBe(200);
  expect(((await (await authEndpoint("session", { cookie: copied })).json()) as { user?: { id: string } } | null)?.user?.id).toBe(user.id);

  // Sign out the way the browser does: fetch a CSRF token, then POST it with the session cookie.
  const csrf = await authEndpoint("csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = (csrf.headers.getSetCookie().find((c) => c.includes("csrf-token")) ?? "").split(";")[0];
  const signOut = await authEndpoint("signout", { method: "POST", cookie: `${copied}; ${csrfCookie}`, form: { csrfToken } });
  expect(signOut.status).toBeLessThan(400);

  expect((await me(copied)).status).toBe(401);
  expect(await (await authEndpoint("session", { cookie: copied })).json()).toBeNull();
  expect((await sdb.testDb.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
  // A new sign-in gets the new version and works.
  expect((await me(await sessionCookie(user, 1))).status).toBe(200);
});

it("sign out everywhere ends every session of the account, and no one else's", async () => {
  const { signOutEverywhere } = await import("@/server/accounts/recovery");
  const user = sdb.fx.users.other;
  const laptop = await sessionCookie(user);
  const phone = await sessionCookie(user);
  const someoneElse = await sessionCookie(sdb.fx.users.instructor);
  await signOutEverywhere({ db: sdb.testDb.prisma, actor: { ...user } });
  expect((await me(laptop)).status).toBe(401);
  expect((await me(phone)).status).toBe(401);
  expect((await me(someoneElse)).status).toBe(200);
  await expect(signOutEverywhere({ db: sdb.testDb.prisma, actor: null })).rejects.toMatchObject({ code: "unauthenticated" });
});

it("a cookie without a session version (issued before versions existed) is not a session", async () => {
  const { encode } = await import("next-auth/jwt");
  const { authSecret } = await import("./support");
  const user = sdb.fx.users.admin;
  const legacy = `authjs.session-token=${await encode({ token: { sub: user.id, role: "ADMIN" }, secret: authSecret, salt: "authjs.session-token" })}`;
  expect((await me(legacy)).status).toBe(401);
});

it("a session ends 30 days after its sign-in, however actively it is used", async () => {
  const { absoluteSessionSeconds } = await import("@/server/auth/actor");
  const user = sdb.fx.users.instructor;
  const now = Math.floor(Date.now() / 1000);
  expect((await me(await sessionCookie(user, 0, now - absoluteSessionSeconds + 60))).status).toBe(200);
  const old = await sessionCookie(user, 0, now - absoluteSessionSeconds - 60);
  expect((await me(old)).status).toBe(401);
  expect(await (await authEndpoint("session", { cookie: old })).json()).toBeNull();
});
