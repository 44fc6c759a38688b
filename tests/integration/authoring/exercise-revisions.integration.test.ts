// An exercise's revision history (issue 16) through the real route handlers on a real database, with real proving runs
// on the real grader and engine: a never-published exercise refuses a discard and follows a restore; once published
// (its proving run passed), a changed draft is shown as its folder's files line by line against the published
// revision, discarded, and an old revision restored as a new draft that no earlier run can publish — not even a run
// of the very same content — until a run of its own proves it. Every discard and restore is audited.
// First: it sets the env the app's modules read when they load.
import { ctx, openSecurityDb, pageRequest, sessionCookie, type SecurityDb } from "@/tests/security/support";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { readExerciseFolder } from "@/grader/files-on-disk";
import type { ExerciseDraftData, ExerciseEditorData, RevisionDiff } from "@/lib/api/answers";
import { createExercise, exerciseForEditing, proveExercise, publishExercise, saveExerciseDraft } from "@/server/authoring/exercises";
import { provingRunView } from "@/server/authoring/proving-runs";
import { GraderProcess, webDispatcher } from "@/tests/integration/grading/grading-fixture";

// Next's page cache lives in the Next server, which these calls run without (publishing revalidates it).
vi.mock("next/cache", () => ({ revalidateTag: () => undefined }));

const grader = new GraderProcess(4471, "hsixteendrevisions");
let sec: SecurityDb;
let admin: string;
const slug = "busy-history";
const base = `/api/admin/exercises/${slug}`;
const params = ctx({ slug });
const send = (method: string, url: string, body?: unknown) => pageRequest(url, { method, cookie: admin, body: body === undefined ? undefined : JSON.stringify(body) });
const author = () => ({ db: sec.testDb.prisma, actor: sec.fx.users.admin });

beforeAll(async () => {
  sec = await openSecurityDb();
  admin = await sessionCookie(sec.fx.users.admin);
  const course = await sec.testDb.prisma.course.create({ data: { slug: "history", title: "History", summary: "s", source: "AUTHORED", learningPath: [], contentHash: "x" } });
  await sec.testDb.prisma.lesson.create({ data: { courseId: course.id, slug: "intro", position: 0, state: "PUBLISHED" } });
  await grader.start();
}, 120_000);

afterAll(async () => {
  await grader.stop();
  await sec?.close();
});

async function busybox(): Promise<ExerciseDraftData> {
  const folder = await readExerciseFolder(path.resolve("grader/test-fixtures/exercises/busybox-service"));
  return {
    spec: { ...folder.spec, slug, title: "Busy history" },
    starter: folder.starter,
    solution: folder.solution,
    mistakes: {},
    expected: { starter: { status: "fail", failing: ["expose-matches"] }, solution: { status: "pass", failing: [] }, mistakes: {} },
  };
}

async function opened(): Promise<ExerciseEditorData> {
  return exerciseForEditing(author(), slug);
}

async function diffOf(revisionId: string): Promise<RevisionDiff> {
  const { GET } = await import("@/app/api/admin/exercises/[slug]/revisions/[revision]/diff/route");
  const response = await GET(send("GET", `${base}/revisions/${revisionId}/diff`), ctx({ slug, revision: revisionId }));
  expect(response.status).toBe(200);
  return (await response.json()) as RevisionDiff;
}

async function post(action: "discard" | "restore", body: unknown = {}): Promise<Response> {
  const route = action === "discard" ? await import("@/app/api/admin/exercises/[slug]/discard/route") : await import("@/app/api/admin/exercises/[slug]/restore/route");
  return route.POST(send("POST", `${base}/${action}`, body), params);
}

const idOf = (data: ExerciseEditorData, number: number) => data.revisions.find((r) => r.number === number)?.id ?? "missing";

/** Proves the newest revision on the real grader and answers the finished run. */
async function proved() {
  const web = webDispatcher(sec.testDb.prisma, grader);
  const { runId } = await proveExercise(author(), slug, web);
  await web.idle();
  await web.stop();
  return provingRunView(author(), runId);
}

it("keeps every revision of a never-published exercise: discard is refused, restore makes a new draft the row follows", async () => {
  await createExercise(author(), "history", "intro", { slug, title: "First title" });
  expect(await saveExerciseDraft(author(), slug, await busybox())).toMatchObject({ number: 2 });
  const refused = await post("discard");
  expect(refused.status).toBe(409);
  expect(await refused.text()).toContain("never published");

  // Nothing published: the diff is the whole folder, added.
  const data = await opened();
  const diff = await diffOf(idOf(data, 2));
  expect(diff).toMatchObject({ from: null, to: 2, removed: 0 });
  expect(diff.lines.every((l) => l.kind === "added")).toBe(true);
  const headers = diff.lines.filter((l) => l.text.startsWith("--- ")).map((l) => l.text);
  expect(headers).toEqual(["--- exercise.yaml", "--- starter/Dockerfile", "--- starter/index.cgi", "--- solution/Dockerfile", "--- solution/index.cgi", "--- expected.yaml"]);
  expect(diff.lines).toContainEqual({ kind: "added", text: "USER app" });

  const restored = await post("restore", { revisionId: idOf(data, 1) });
  expect(restored.status).toBe(200);
  expect(await restored.json()).toMatchObject({ number: 3 });
  const after = await opened();
  expect(after.revisions.map((r) => [r.number, r.title])).toEqual([
    [3, "First title"],
    [2, "Busy history"],
    [1, "First title"],
  ]);
  expect(after.draft.spec.title).toBe("First title");
  // What "preview as a learner" shows of a never-published exercise follows its newest revision.
  expect((await sec.testDb.prisma.exercise.findUniqueOrThrow({ where: { slug } })).title).toBe("First title");
  // Another exercise's revision, or none, is not found.
  expect((await post("restore", { revisionId: "no-such-revision" })).status).toBe(404);
});

it("compares, discards and restores after publishing; a restored revision needs a proving run of its own", async () => {
  // The busybox draft back on top (revision 4), proved on the real grader and published.
  expect(await (await post("restore", { revisionId: idOf(await opened(), 2) })).json()).toMatchObject({ number: 4 });
  const firstRun = await proved();
  expect(firstRun).toMatchObject({ revisionNumber: 4, outcome: "passed", problems: [] });
  expect(await publishExercise(author(), slug, { runId: firstRun.id })).toEqual({ number: 4 });

  // A changed draft against the published revision: only what changed is marked, under its file's header.
  const draft = await busybox();
  const changed = { ...draft, solution: { ...draft.solution, Dockerfile: (draft.solution.Dockerfile ?? "").replace("USER app\n", "# the app runs unprivileged\nUSER app\n") } };
  expect(await saveExerciseDraft(author(), slug, changed)).toMatchObject({ number: 5 });
  const diff = await diffOf(idOf(await opened(), 5));
  expect(diff).toMatchObject({ from: 4, to: 5, added: 1, removed: 0 });
  const at = diff.lines.findIndex((l) => l.kind === "added");
  expect(diff.lines[at]?.text).toBe("# the app runs unprivileged");
  expect(diff.lines.slice(0, at).findLast((l) => l.text.startsWith("--- "))?.text).toBe("--- solution/Dockerfile");
  // The published revision against itself: nothing changed.
  expect(await diffOf(idOf(await opened(), 4))).toMatchObject({ from: 4, to: 4, added: 0, removed: 0 });

  // Discard drops the draft; the editor opens the published revision again.
  expect(await (await post("discard")).json()).toEqual({ discarded: 1 });
  const discarded = await opened();
  expect(discarded.revisions.map((r) => r.number)).toEqual([4, 3, 2, 1]);
  expect(discarded).toMatchObject({ hasDraft: false, state: "PUBLISHED" });
  expect(discarded.draft.solution.Dockerfile).not.toContain("unprivileged");
  expect(await (await post("discard")).json()).toEqual({ discarded: 0 });

  // Revision 2 restored: the same content as the published revision 4, yet a new revision that run did not prove.
  expect(await (await post("restore", { revisionId: idOf(discarded, 2) })).json()).toMatchObject({ number: 5 });
  expect(await opened()).toMatchObject({ hasDraft: true });
  await expect(publishExercise(author(), slug, { runId: firstRun.id })).rejects.toThrow("This run proved revision 4; the exercise has changed since (revision 5). Prove it again.");
  const row = await sec.testDb.prisma.exercise.findUniqueOrThrow({ where: { slug }, include: { currentRevision: true } });
  expect(row.currentRevision?.number).toBe(4);
  const secondRun = await proved();
  expect(secondRun).toMatchObject({ revisionNumber: 5, outcome: "passed" });
  expect(await publishExercise(author(), slug, { runId: secondRun.id })).toEqual({ number: 5 });

  const exercise = await sec.testDb.prisma.exercise.findUniqueOrThrow({ where: { slug } });
  const audit = await sec.testDb.prisma.auditEntry.findMany({ where: { subject: `exercise:${exercise.id}` }, orderBy: { createdAt: "asc" } });
  expect(audit.map((a) => [a.action, a.actorId])).toEqual(
    ["exercise.restore", "exercise.restore", "exercise.publish", "exercise.discard", "exercise.restore", "exercise.publish"].map((action) => [action, sec.fx.users.admin.id]),
  );
  expect(audit[4]?.detail).toEqual({ exercise: slug, restored: 2, as: 5 });
}, 300_000);

it("does not discard or restore a built-in exercise, and diffs only an exercise's own revisions", async () => {
  const builtIn = sec.fx.exerciseSlug;
  const { POST } = await import("@/app/api/admin/exercises/[slug]/discard/route");
  expect((await POST(send("POST", `/api/admin/exercises/${builtIn}/discard`), ctx({ slug: builtIn }))).status).toBe(409);
  const { GET } = await import("@/app/api/admin/exercises/[slug]/revisions/[revision]/diff/route");
  const revision = idOf(await opened(), 1);
  expect((await GET(send("GET", `/api/admin/exercises/${builtIn}/revisions/${revision}/diff`), ctx({ slug: builtIn, revision }))).status).toBe(404);
});
