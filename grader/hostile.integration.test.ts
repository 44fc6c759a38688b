// Abuse cases must end as an ordinary "fail" with evidence the learner can act on, and leave nothing behind
// on the engine: no container, no network, no grading image of this grader.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readExerciseFolder, readFileTree, type ExerciseFolder } from "@/grader/contract/exercise-folder";
import type { CheckResult, GradingEvent, Verdict } from "@/grader/contract";
import type { Grader } from "@/grader/grading/grader";
import { gradingLeftovers } from "@/grader/sandbox/image-store";
import { ensureTestBaseImage, requireEngine, testDocker } from "@/grader/test-support/test-base-image";
import { grade, startTestGrader } from "@/grader/test-support/test-grader";
import { readExpected } from "./golden/expected-schema";

const dir = "grader/test-fixtures/hostile";
const buildLogMaxBytes = 64 * 1024;
let grader: Grader;
let exercise: ExerciseFolder;
const results = new Map<string, { verdict: Verdict; events: GradingEvent[] }>();

beforeAll(async () => {
  await requireEngine();
  await ensureTestBaseImage();
  exercise = await readExerciseFolder(dir);
  // 32 MiB makes the memory hog hit its limit in a second or two instead of filling 256 MiB page by page.
  grader = await startTestGrader("hostile", { readyTimeoutMs: 6_000, buildTimeoutMs: 15_000, buildLogMaxBytes, runMemoryBytes: 32 * 1024 * 1024, concurrency: 2 });
});

afterAll(async () => {
  await grader?.close(0);
});

const check = (verdict: Verdict, id: string): CheckResult => {
  const found = verdict.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} in the verdict`);
  return found;
};

describe.concurrent("each abuse case is a contained fail", async () => {
  const expected = await readExpected(dir);
  it.each(Object.entries(expected.mistakes))("%s", { timeout: 240_000 }, async (name, outcome) => {
    const files = await readFileTree(path.join(dir, "mistakes", name));
    const result = await grade(grader, exercise.spec, files);
    results.set(name, result);
    const summary = result.verdict.checks.map((c) => `${c.id}=${c.status}: ${c.message}`).join("\n");
    expect(result.verdict.status, summary).toBe(outcome.status);
    for (const id of outcome.failing) expect(check(result.verdict, id).status, summary).toBe("fail");
    expect(result.events.at(-1)?.type).toBe("verdict");
  });
});

describe("evidence of each limit", () => {
  it("fork bomb: stopped by the pids limit, as the container's log shows, while the container stays up", () => {
    const responds = check(results.get("fork-bomb")!.verdict, "responds");
    expect(responds.evidence?.running).toBe(true);
    expect((responds.evidence?.logTail as string[]).join("\n")).toContain("can't fork");
  });

  it("memory hog: OOM-killed, and the check says so", () => {
    const starts = check(results.get("memory-hog")!.verdict, "starts");
    expect(starts.evidence?.oomKilled).toBe(true);
    expect(starts.message).toMatch(/memory/);
  });

  it("container that exits: exit code and its last lines", () => {
    const starts = check(results.get("container-exits")!.verdict, "starts");
    expect(starts.evidence?.exitCode).toBe(3);
    expect((starts.evidence?.logTail as string[]).join("\n")).toContain("config file missing");
  });

  it("endless build: aborted at the build timeout", () => {
    expect(check(results.get("endless-build")!.verdict, "build").message).toMatch(/did not finish within 15 s/);
  });

  it("output flood: the build log stops at its cap with a notice; the container's tail stays short", () => {
    const { events, verdict } = results.get("output-flood")!;
    const logText = events.flatMap((e) => (e.type === "log" && e.source === "build" ? [e.text] : [])).join("");
    expect(Buffer.byteLength(logText)).toBeLessThanOrEqual(buildLogMaxBytes + 200);
    expect(logText).toContain("[build log truncated");
    const tail = check(verdict, "responds").evidence?.logTail as string[];
    expect(tail.length).toBeLessThanOrEqual(20);
    expect(tail.join("\n")).toContain("flooding the container log");
  });

  it("wrong port: says where it probed", () => {
    const responds = check(results.get("wrong-port")!.verdict, "responds");
    expect(responds.evidence?.port).toBe(5000);
    expect(check(results.get("wrong-port")!.verdict, "starts").status).toBe("pass");
  });

  it("ADD <url>: refused before any build, nothing fetched", () => {
    const build = check(results.get("add-url")!.verdict, "build");
    expect(build.message).toMatch(/ADD would fetch "http:\/\/127.0.0.1:9\/app.tar.gz" from the network/);
  });

  it("leaves no container, network or grading image behind", async () => {
    const docker = testDocker();
    const { containers, networks } = await gradingLeftovers(docker, "hostile");
    const images = (await docker.listImages()).filter((i) => (i.RepoTags ?? []).some((t) => /^shipshape-(grading|baseline)\/hostile-/.test(t)));
    expect({ containers: containers.length, networks: networks.length, images: images.map((i) => i.RepoTags) }).toEqual({ containers: 0, networks: 0, images: [] });
  });
});
