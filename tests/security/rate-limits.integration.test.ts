// Rows 1–4 of issue 11's table, against a real database and, for the address, a real HTTP server:
// - 25 failed sign-ins with a different X-Forwarded-For each were all allowed (the header was believed);
// - 5 wrong passwords for someone else's email locked that person out for 15 minutes;
// - 15 parallel wrong guesses on one email (limit 5) got 7 checked (check-then-record race);
// - 8 sign-ups from one address in 1.9 s, unthrottled.
// Plus the forwarded-header bypass list: with no trusted proxy, nothing a client sends moves its address.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSecurityDb, type SecurityDb } from "./support";
import { fixturePassword } from "@/tests/authz/fixture";
import { clientAddress, peerAddressHeader } from "@/server/auth/client-address";
import { stampPeerAddresses } from "@/server/http/peer-address";
import { authenticate, registerLearner } from "@/server/accounts/credentials";
import { rateLimits } from "@/server/http/limits";

let sdb: SecurityDb;
let server: Server;
let url: string;
let trustedHops = 0;

beforeAll(async () => {
  sdb = await openSecurityDb();
  // The same hook the web installs from instrumentation.ts, on a plain HTTP server that signs in as the app does.
  stampPeerAddresses();
  server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const address = clientAddress(headers, trustedHops);
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const input = JSON.parse(body) as { email: string; password: string };
      authenticate({ db: sdb.testDb.prisma }, input, address).then(
        () => res.writeHead(200).end(JSON.stringify({ address })),
        (error: { code?: string }) => res.writeHead(error.code === "rate_limited" ? 429 : 401).end(JSON.stringify({ address })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await sdb.close();
});

const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ email, password }) });

describe("the client address", () => {
  it("25 failed sign-ins, a different X-Forwarded-For each: counted under the socket's address, the 6th is refused", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await signIn(sdb.fx.users.other.email, `wrong ${i}`, { "x-forwarded-for": `203.0.113.${i + 1}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
  });

  it("the per-address limit holds across many emails whatever the forwarded headers say", async () => {
    await sdb.testDb.prisma.rateLimitBucket.deleteMany({});
    const statuses: number[] = [];
    for (let i = 0; i < rateLimits.signInPerAddress.max + 5; i++) {
      statuses.push((await signIn(`nobody-${i}@example.test`, "wrong", { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}` })).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(rateLimits.signInPerAddress.max);
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    await sdb.testDb.prisma.rateLimitBucket.deleteMany({});
  });

  const forged: Record<string, string>[] = [
    { "x-forwarded-for": "203.0.113.9" },
    { "x-forwarded-for": "203.0.113.9, 198.51.100.1" },
    { "x-forwarded-for": "unknown" },
    { "x-real-ip": "203.0.113.9" },
    { forwarded: "for=203.0.113.9" },
    { "true-client-ip": "203.0.113.9", "cf-connecting-ip": "203.0.113.9" },
    { [peerAddressHeader]: "203.0.113.9" },
    { [peerAddressHeader]: "203.0.113.9", "x-forwarded-for": "203.0.113.9" },
  ];

  it.each(forged.map((h) => [JSON.stringify(h), h]))("forged %s does not move the address (no trusted proxy)", async (_label, headers) => {
    const response = await signIn("bypass@example.test", "wrong", headers);
    expect(((await response.json()) as { address: string }).address).toBe("127.0.0.1");
  });

  it("behind one trusted proxy: the address that proxy appended, not what the client wrote before it", async () => {
    trustedHops = 1;
    try {
      // The client sent "X-Forwarded-For: 203.0.113.9"; our proxy appended the client it saw, 192.0.2.7.
      const response = await signIn("proxied@example.test", "wrong", { "x-forwarded-for": "203.0.113.9, 192.0.2.7" });
      expect(((await response.json()) as { address: string }).address).toBe("192.0.2.7");
    } finally {
      trustedHops = 0;
    }
    expect(clientAddress(new Headers({ [peerAddressHeader]: "10.0.0.1", "x-forwarded-for": "a, b, c" }), 2)).toBe("b");
    expect(clientAddress(new Headers({ [peerAddressHeader]: "10.0.0.1" }), 2)).toBe("10.0.0.1");
  });
});

describe("sign-in limits", () => {
  it("5 wrong passwords for someone else's email from one address do not lock the owner out elsewhere", async () => {
    const victim = sdb.fx.users.learner;
    for (let i = 0; i < 5; i++) await expect(authenticate({ db: sdb.testDb.prisma }, { email: victim.email, password: "guess" }, "192.0.2.66")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(authenticate({ db: sdb.testDb.prisma }, { email: victim.email, password: "guess" }, "192.0.2.66")).rejects.toMatchObject({ code: "rate_limited" });
    expect(await authenticate({ db: sdb.testDb.prisma }, { email: victim.email, password: fixturePassword }, "192.0.2.10")).toMatchObject({ id: victim.id });
  });

  it("15 parallel wrong guesses on one email: exactly 5 are checked, 10 refused", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, () => authenticate({ db: sdb.testDb.prisma }, { email: sdb.fx.users.instructor.email, password: "parallel guess" }, "192.0.2.77")),
    );
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "signed-in"));
    expect(codes.filter((c) => c === "unauthenticated")).toHaveLength(5);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(10);
  });

  it("backs off: a guesser who keeps going waits longer than the window", async () => {
    const { hit } = await import("@/server/accounts/rate-limit");
    const limit = rateLimits.signInPerAccountAndAddress;
    const now = new Date();
    let last = 0;
    for (let i = 0; i < limit.max + 12; i++) last = (await hit({ db: sdb.testDb.prisma }, "backoff-test", limit, now)).waitMs;
    // 12 hits past the limit: 2^11 minutes, capped at the maximum back-off.
    expect(last).toBe(limit.maxBackoffMs);
  });
});

describe("sign-up throttle", () => {
  it("8 sign-ups from one address: 5 accounts, then 429 with a wait", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      outcomes.push(
        await registerLearner({ db: sdb.testDb.prisma }, { email: `signup-${i}@example.test`, password: "long enough password" }, "192.0.2.88").then(
          () => "created",
          (error: { code: string }) => error.code,
        ),
      );
    }
    expect(outcomes).toEqual(["created", "created", "created", "created", "created", "rate_limited", "rate_limited", "rate_limited"]);
    expect(await sdb.testDb.prisma.user.count({ where: { email: { startsWith: "signup-" } } })).toBe(5);
    // Another address is not held back by it.
    await expect(registerLearner({ db: sdb.testDb.prisma }, { email: "signup-other@example.test", password: "long enough password" }, "192.0.2.89")).resolves.toMatchObject({ role: "LEARNER" });
  });
});
