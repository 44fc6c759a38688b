// Shared by the security tests: a fresh migrated database with the authz fixture (one course, one exercise, a user
// per role) handed to the app's db(), session cookies signed exactly as next-auth signs them, and requests shaped
// as a browser on one of our pages sends them. Import this before any app module: it sets the env they read.
import { createTestDb, type TestDb } from "@/tests/support/test-db";
import { seedFixture, type Fixture } from "@/tests/authz/fixture";

export const authSecret = "security-tests-secret-0123456789abcdef0123456789";
process.env.AUTH_SECRET = authSecret;
delete process.env.AUTH_GITHUB_ID;

export const site = "http://127.0.0.1:3300";

export interface SecurityDb {
  testDb: TestDb;
  fx: Fixture;
  close(): Promise<void>;
}

export async function openSecurityDb(): Promise<SecurityDb> {
  const testDb = await createTestDb();
  const fx = await seedFixture(testDb.prisma);
  // The app's db() hands out this database: handlers and actions run unchanged against it. Imported here, after
  // the env above is set.
  const { replaceDatabase } = await import("@/server/db");
  const restore = replaceDatabase(testDb.prisma);
  return {
    testDb,
    fx,
    close: async () => {
      restore();
      await testDb.close();
    },
  };
}

export async function sessionCookie(user: { id: string; email: string; role: string }, sessionVersion = 0, authAt = Math.floor(Date.now() / 1000)): Promise<string> {
  const { encode } = await import("next-auth/jwt");
  const salt = "authjs.session-token";
  return `${salt}=${await encode({ token: { sub: user.id, email: user.email, role: user.role, sv: sessionVersion, authAt }, secret: authSecret, salt })}`;
}

export interface RequestInit2 {
  method?: string;
  cookie?: string;
  body?: BodyInit | null;
  headers?: Record<string, string>;
}

/** A request as our own page sends it (same Origin, JSON), unless headers say otherwise. */
export function pageRequest(path: string, { method = "GET", cookie, body, headers = {} }: RequestInit2 = {}): Request {
  const h = new Headers({ "content-type": "application/json", origin: new URL(site).origin, ...headers });
  if (cookie) h.set("cookie", cookie);
  return new Request(`${site}${path}`, { method, headers: h, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) });
}

export const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
