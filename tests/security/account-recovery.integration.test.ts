// Account recovery by mail (ASVS V2.5), which did not exist: "forgot password" mails a single-use, time-limited
// link; using it sets the password and ends every session; asking answers the same for unknown addresses; email
// verification gates grading where the operator asks for it. Mail goes through nodemailer to a real SMTP server
// run here on loopback, and, without SMTP, to the development outbox folder.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/authz";
import { ctx, openSecurityDb, pageRequest, sessionCookie, site, type SecurityDb } from "./support";
import { linkToken, MailCatcher } from "./mail-server";
import { fixturePassword } from "@/tests/authz/fixture";

let sdb: SecurityDb;
const mailbox = new MailCatcher();
let mail: { smtpUrl: string; from: string; outboxDir: string };

beforeAll(async () => {
  sdb = await openSecurityDb();
  mail = { smtpUrl: await mailbox.start(), from: "Shipshape <no-reply@shipshape.test>", outboxDir: "/nonexistent" };
});

afterAll(async () => {
  await mailbox.stop();
  await sdb.close();
});

const recovery = () => import("@/server/accounts/recovery");
const context = (actor: Actor | null = null) => ({ db: sdb.testDb.prisma, actor, siteUrl: site, mail });

describe("forgot password", () => {
  it("mails a link; the link sets a new password once, ends every session and forgives earlier guesses", async () => {
    const { requestPasswordReset, resetPassword } = await recovery();
    const { authenticate } = await import("@/server/accounts/credentials");
    const user = sdb.fx.users.learner;
    const before = await sessionCookie(user);
    // Someone guessed at the account from this address before; the owner then resets.
    for (let i = 0; i < 5; i++) await authenticate({ db: sdb.testDb.prisma }, { email: user.email, password: "guess" }, "192.0.2.5").catch(() => undefined);

    await requestPasswordReset(context(), { email: user.email }, "192.0.2.5");
    const message = mailbox.lastTo(user.email);
    expect(message.subject).toBe("Reset your Shipshape password");
    expect(message.from).toContain("no-reply@shipshape.test");
    const token = linkToken(message, `${site}/reset-password`);
    // Only the token's hash is stored.
    expect(JSON.stringify(await sdb.testDb.prisma.accountToken.findMany())).not.toContain(token);

    // A password the rules refuse does not use the link up.
    await expect(resetPassword(context(), { token, password: "short" })).rejects.toThrow(/at least 12 characters/);
    expect(await resetPassword(context(), { token, password: "a brand new passphrase" })).toBe(user.email);
    await expect(resetPassword(context(), { token, password: "another new passphrase" })).rejects.toMatchObject({ code: "invalid_input" });

    const { GET } = await import("@/app/api/me/route");
    expect((await GET(pageRequest("/api/me", { cookie: before }), ctx({}))).status).toBe(401);
    await expect(authenticate({ db: sdb.testDb.prisma }, { email: user.email, password: fixturePassword }, "192.0.2.5")).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await authenticate({ db: sdb.testDb.prisma }, { email: user.email, password: "a brand new passphrase" }, "192.0.2.5")).toMatchObject({ id: user.id, emailVerified: true });
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const { requestPasswordReset } = await recovery();
    const count = mailbox.received.length;
    await expect(requestPasswordReset(context(), { email: "nobody-here@example.test" }, "192.0.2.6")).resolves.toBeUndefined();
    expect(mailbox.received.length).toBe(count);
  });

  it("a link expires after 30 minutes, and a newer one replaces it", async () => {
    const { issueToken, consumeToken } = await import("@/server/accounts/account-tokens");
    const userId = sdb.fx.users.other.id;
    const old = await issueToken({ db: sdb.testDb.prisma }, userId, "PASSWORD_RESET");
    const current = await issueToken({ db: sdb.testDb.prisma }, userId, "PASSWORD_RESET");
    expect(await consumeToken({ db: sdb.testDb.prisma }, old, "PASSWORD_RESET")).toBeNull();
    expect(await consumeToken({ db: sdb.testDb.prisma }, current, "EMAIL_VERIFICATION")).toBeNull();
    expect(await consumeToken({ db: sdb.testDb.prisma }, current, "PASSWORD_RESET", new Date(Date.now() + 31 * 60_000))).toBeNull();
    expect(await consumeToken({ db: sdb.testDb.prisma }, current, "PASSWORD_RESET")).toBe(userId);
  });

  it("a flood of requests for one account sends at most 3 mails an hour, and says nothing about it", async () => {
    const { requestPasswordReset } = await recovery();
    const email = sdb.fx.users.instructor.email;
    const count = () => mailbox.received.filter((m) => m.to.includes(email)).length;
    for (let i = 0; i < 5; i++) await requestPasswordReset(context(), { email }, `192.0.2.${100 + i}`);
    expect(count()).toBe(3);
  });
});

describe("email verification before grading", () => {
  it("when required, an unverified learner may not grade until the mailed link is confirmed", async () => {
    const { sendVerificationMail, verifyEmail } = await recovery();
    const { registerLearner } = await import("@/server/accounts/credentials");
    const { requirePermission } = await import("@/server/authz");
    const { env } = await import("@/server/env");
    const { actorForSession } = await import("@/server/auth/actor");
    const learner = await registerLearner({ db: sdb.testDb.prisma }, { email: "fresh@example.test", password: "long enough password" }, "192.0.2.7");
    env.REQUIRE_EMAIL_VERIFICATION = true;
    try {
      expect(() => requirePermission(learner, "grade")).toThrow(expect.objectContaining({ code: "forbidden" }) as Error);
      expect(requirePermission(learner, "own-data")).toMatchObject({ id: learner.id });
      await sendVerificationMail(context(learner));
      const token = linkToken(mailbox.lastTo(learner.email), `${site}/verify-email`);
      await verifyEmail(context(), token);
      await expect(verifyEmail(context(), token)).rejects.toMatchObject({ code: "invalid_input" });
      const now = await actorForSession({ db: sdb.testDb.prisma }, { sub: learner.id, sv: 0, authAt: Math.floor(Date.now() / 1000) });
      expect(now?.emailVerified).toBe(true);
      expect(requirePermission(now, "grade")).toMatchObject({ id: learner.id });
    } finally {
      env.REQUIRE_EMAIL_VERIFICATION = false;
    }
  });

  it("is on by default once SMTP is configured, off for the local default; SMTP needs AUTH_URL for links", async () => {
    const { parseWebEnv } = await import("@/server/env");
    expect(parseWebEnv({}).REQUIRE_EMAIL_VERIFICATION).toBe(false);
    expect(parseWebEnv({ SMTP_URL: "smtp://127.0.0.1:2525", AUTH_URL: "https://shipshape.test" }).REQUIRE_EMAIL_VERIFICATION).toBe(true);
    expect(parseWebEnv({ SMTP_URL: "smtp://127.0.0.1:2525", AUTH_URL: "https://shipshape.test", REQUIRE_EMAIL_VERIFICATION: "false" }).REQUIRE_EMAIL_VERIFICATION).toBe(false);
    expect(() => parseWebEnv({ SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow(/AUTH_URL/);
  });
});

it("without SMTP, mail lands in the outbox folder as .eml files", async () => {
  const { sendMail } = await import("@/server/mail/mailer");
  const outboxDir = await mkdtemp(path.join(os.tmpdir(), "shipshape-outbox-"));
  try {
    await sendMail({ to: "dev@example.test", subject: "Hello outbox", text: "a link: http://localhost/x" }, { from: "Shipshape <no-reply@shipshape.local>", outboxDir });
    const files = await readdir(outboxDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = await readFile(path.join(outboxDir, files[0] ?? ""), "utf8");
    expect(eml).toContain("Subject: Hello outbox");
    expect(eml).toContain("To: dev@example.test");
  } finally {
    await rm(outboxDir, { recursive: true, force: true });
  }
});
