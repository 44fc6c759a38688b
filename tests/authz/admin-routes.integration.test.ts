// The authorization matrix of the admin area's routes (issue 16): anonymous, learner, instructor and admin against
// every /api/admin route, with real Requests carrying session cookies signed as next-auth signs them, on a real
// database. Kept beside authz-matrix.integration.test.ts, which covers the learner-facing routes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ctx, openSecurityDb, pageRequest, sessionCookie, type SecurityDb } from "@/tests/security/support";

type Who = "anonymous" | "learner" | "instructor" | "admin";
const everyone: Who[] = ["anonymous", "learner", "instructor", "admin"];

let sec: SecurityDb;
let cookies: Record<Who, string | undefined>;

beforeAll(async () => {
  sec = await openSecurityDb();
  const { users } = sec.fx;
  cookies = { anonymous: undefined, learner: await sessionCookie(users.learner), instructor: await sessionCookie(users.instructor), admin: await sessionCookie(users.admin) };
});

afterAll(async () => {
  await sec?.close();
});

async function statuses(call: (cookie: string | undefined) => Promise<Response>): Promise<Record<Who, number>> {
  const out = {} as Record<Who, number>;
  for (const who of everyone) out[who] = (await call(cookies[who])).status;
  return out;
}

const adminOnly = (adminStatus: number) => ({ anonymous: 401, learner: 403, instructor: 403, admin: adminStatus });

describe("users and roles", () => {
  it("GET /api/admin/users: admins only", async () => {
    const { GET } = await import("@/app/api/admin/users/route");
    expect(await statuses((cookie) => GET(pageRequest("/api/admin/users?q=example", { cookie })))).toEqual(adminOnly(200));
  });

  it("POST /api/admin/users/<id>/role: admins only, same origin only", async () => {
    const { POST } = await import("@/app/api/admin/users/[id]/role/route");
    const target = sec.fx.users.other;
    const send = (cookie: string | undefined, headers: Record<string, string> = {}) =>
      POST(pageRequest(`/api/admin/users/${target.id}/role`, { method: "POST", cookie, headers, body: JSON.stringify({ role: "INSTRUCTOR" }) }), ctx({ id: target.id }));
    expect(await statuses((cookie) => send(cookie))).toEqual(adminOnly(200));
    expect((await sec.testDb.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("INSTRUCTOR");
    // A cross-site form post carrying the admin's cookie changes nothing.
    await sec.testDb.prisma.user.update({ where: { id: target.id }, data: { role: "LEARNER" } });
    expect((await send(cookies.admin, { origin: "https://evil.example" })).status).toBe(403);
    expect((await sec.testDb.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("LEARNER");
  });
});

describe("course archives", () => {
  it("GET /api/admin/courses/<slug>/export: content authors only", async () => {
    const { GET } = await import("@/app/api/admin/courses/[slug]/export/route");
    const slug = sec.fx.courseSlug;
    expect(await statuses((cookie) => GET(pageRequest(`/api/admin/courses/${slug}/export`, { cookie }), ctx({ slug })))).toEqual(adminOnly(200));
  });

  it("POST /api/admin/courses/import: content authors only, refused before the body is read", async () => {
    const { POST } = await import("@/app/api/admin/courses/import/route");
    // Not an archive: an admin gets the validation answer (422); everyone else is refused before it is looked at.
    const send = (cookie: string | undefined) => POST(pageRequest("/api/admin/courses/import", { method: "POST", cookie, body: "not an archive", headers: { "content-type": "application/gzip" } }));
    expect(await statuses(send)).toEqual(adminOnly(422));
  });
});

