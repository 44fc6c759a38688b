// Output that is not text never breaks a grading: build and container output with NUL bytes and invalid UTF-8,
// on the real grader, is stored with visible stand-ins and a notice, and the submission ends with its verdict
// (not a 500, not a re-grading loop). Lone UTF-16 surrogates, which only a JSON escape can carry, are stored the
// same way. Files with such characters are refused up front, naming the file, by the web and by the grader. A
// write the database refuses ends the grading with that reason.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvent, createSubmission, eventsAfter, finishWithVerdict } from "@/server/submissions/submission-store";
import { submitBodySchema } from "@/server/grading/use-cases";
import { notGradableVerdict } from "@/lib/grading/submission-events";
import { brokenStandIn, nulStandIn } from "@/grader/contract/file-text";
import type { TestDb } from "@/tests/support/test-db";
import { createTestDb, GraderProcess, graderToken, seedExercise, webDispatcher, type Seeded } from "./grading-fixture";

const grader = new GraderProcess(4375, "nbinary");
let testDb: TestDb;
let seeded: Seeded;
const limits = { rateLimit: 100, rateWindowMs: 60_000 };

async function grade(files: Record<string, string>): Promise<string> {
  const web = webDispatcher(testDb.prisma, grader);
  const { id } = await createSubmission({ db: testDb.prisma }, { userId: seeded.userId, exerciseId: seeded.exerciseId, files }, limits);
  await web.dispatch(id);
  return id;
}

function withDockerfile(edit: (dockerfile: string) => string): Record<string, string> {
  return { ...seeded.exercise.solution, Dockerfile: edit(seeded.exercise.solution.Dockerfile ?? "") };
}

beforeAll(async () => {
  testDb = await createTestDb();
  seeded = await seedExercise(testDb, "binary@test.local");
  await grader.start();
}, 120_000);

afterAll(async () => {
  await grader.stop();
  await testDb?.close();
});

describe("output that is not text", () => {
  it("keeps build output with NUL bytes and invalid UTF-8, says so, and ends with the verdict", async () => {
    const id = await grade(withDockerfile((d) => d.replace(/^(FROM .*)$/m, `$1\nRUN printf 'bin\\000ary \\377\\376 out # ${randomUUID()}\\n'`)));
    const row = await testDb.prisma.submission.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "PASSED", dispatches: 1 });
    const events = await eventsAfter({ db: testDb.prisma }, id, 0);
    const log = events.map((e) => (e.event.type === "log" ? e.event.text : "")).join("");
    expect(log).toContain(`bin${nulStandIn}ary ${brokenStandIn}${brokenStandIn} out`);
    expect(log).not.toContain("\u0000");
    const notices = events.flatMap((e) => (e.event.type === "notice" ? [e.event.text] : []));
    expect(notices).toEqual([expect.stringMatching(/not text.*␀/)]);
  }, 120_000);

  it("keeps a crashed container's NUL-laden output in the verdict's evidence", async () => {
    const id = await grade(withDockerfile((d) => d.replace(/^CMD .*$/m, `CMD ["sh", "-c", "printf 'crash\\\\000here ${randomUUID()}\\\\n'; exit 4"]`)));
    const row = await testDb.prisma.submission.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("FAILED");
    const starts = (row.verdict as { checks: { id: string; evidence?: { logTail?: string[] } }[] }).checks.find((c) => c.id === "starts");
    expect(starts?.evidence?.logTail?.join("\n")).toMatch(new RegExp(`crash${nulStandIn}here`));
  }, 120_000);

  it("stores lone surrogates and NULs the database itself refuses", async () => {
    const { id } = await createSubmission({ db: testDb.prisma }, { userId: seeded.userId, exerciseId: seeded.exerciseId, files: { Dockerfile: "FROM x\n" } }, limits);
    // The database refuses them as they are: this is what used to fail a grading.
    await expect(testDb.prisma.submissionEvent.create({ data: { submissionId: id, seq: 2, type: "log", data: { type: "log", source: "container", text: "a\u0000b" } } })).rejects.toThrow();
    await expect(testDb.prisma.submissionEvent.create({ data: { submissionId: id, seq: 2, type: "log", data: { type: "log", source: "container", text: "a\ud800b" } } })).rejects.toThrow();
    const stored = await appendEvent({ db: testDb.prisma }, id, 2, { type: "log", source: "container", text: "a\u0000b\ud800c" });
    expect(stored.event).toEqual({ type: "log", source: "container", text: `a${nulStandIn}b${brokenStandIn}c` });
    const verdict = await finishWithVerdict({ db: testDb.prisma }, id, 3, notGradableVerdict(seeded.exercise.spec.slug, "odd \udc00 reason\u0000"), "NOT_GRADABLE");
    expect(verdict.event.type === "verdict" && verdict.event.verdict.message).toBe(`odd ${brokenStandIn} reason${nulStandIn}`);
  });
});

describe("a storage error", () => {
  it("ends the grading not gradable with the database's own reason, not as an interrupted grading", async () => {
    // A real refusal by the real database: a trigger that fails inserts of one marked log line.
    const marker = `refuse-${randomUUID()}`;
    await testDb.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_marked_event() RETURNS trigger AS $$
      BEGIN
        IF NEW.data->>'text' LIKE '%${marker}%' THEN RAISE EXCEPTION 'could not extend file: No space left on device'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await testDb.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_marked_event BEFORE INSERT ON "SubmissionEvent" FOR EACH ROW EXECUTE FUNCTION refuse_marked_event()`);
    try {
      const id = await grade(withDockerfile((d) => d.replace(/^(FROM .*)$/m, `$1\nRUN echo ${marker}`)));
      const row = await testDb.prisma.submission.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "NOT_GRADABLE", dispatches: 1 });
      const message = (row.verdict as { message?: string }).message;
      expect(message).toMatch(/^Saving this grading failed on our side \(.*No space left on device.*\)\. This does not count as an attempt/);
      expect(message).not.toMatch(/restarted/);
    } finally {
      await testDb.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_marked_event ON "SubmissionEvent"`);
    }
  }, 120_000);
});

describe("files that are not text", () => {
  const files = { Dockerfile: "FROM busybox\n", "app/main.py": "print('hi')\n\u0000\n" };

  it("are refused by the web, naming the file", () => {
    const parsed = submitBodySchema.safeParse({ files });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('"app/main.py" contains a NUL byte on line 2; only text files can be graded. Remove it, or leave a binary file out of the project.');
    expect(submitBodySchema.safeParse({ files: { Dockerfile: "FROM busybox\n# \ud800\n" } }).error?.issues[0]?.message).toMatch(/^"Dockerfile" contains a broken character/);
  });

  it("are refused by the grader with 422, naming the file", async () => {
    const response = await fetch(`${grader.url}/v1/gradings`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${graderToken}` },
      body: JSON.stringify({ spec: seeded.exercise.spec, files }),
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^"app\/main\.py" contains a NUL byte on line 2/);
  });
});
