// Fail fast with the reason, on the real engine: an app listening on another port, or on 127.0.0.1 only, is judged
// from the container's own socket table (readiness "misbound") instead of after the ready timeout, and the learner
// reads where it listens. An image without `cat` falls back to waiting; a container that exits is judged at once.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExerciseFolder } from "@/grader/contract/exercise-folder";
import { readExerciseFolder } from "@/grader/files-on-disk";
import type { CheckResult, Verdict } from "@/grader/contract";
import type { Grader } from "@/grader/grading/grader";
import { grade, startTestGrader } from "@/grader/test-support/test-grader";

const readyTimeoutMs = 10_000;
let grader: Grader;
let exercise: ExerciseFolder;

beforeAll(async () => {
  exercise = await readExerciseFolder(path.resolve("grader/test-fixtures/exercises/busybox-service"));
  grader = await startTestGrader("nbind", { readyTimeoutMs });
}, 120_000);

afterAll(async () => {
  await grader?.close(0);
});

/** The solution without its HEALTHCHECK (the case the socket table serves), with httpd started by `cmd`. */
function solutionWith(cmd: string): Record<string, string> {
  const files = { ...exercise.solution };
  files.Dockerfile = (files.Dockerfile ?? "")
    .split("\n")
    .filter((l) => !l.startsWith("HEALTHCHECK"))
    .map((l) => (l.startsWith("CMD ") ? `CMD ${cmd}` : l))
    .join("\n");
  return files;
}

function check(verdict: Verdict, id: string): CheckResult {
  const found = verdict.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in the verdict`);
  return found;
}

describe("where the app listens", () => {
  it("judges an app on another port from its sockets and says where it listens", async () => {
    const { verdict } = await grade(grader, exercise.spec, solutionWith('["httpd", "-f", "-p", "8000", "-h", "/www"]'));
    expect(verdict.status).toBe("fail");
    expect(check(verdict, "starts").status).toBe("pass");
    const responds = check(verdict, "responds");
    expect(responds.status).toBe("fail");
    expect(responds.message).toMatch(/^Your app listens on (0\.0\.0\.0|\[::\]):8000; the exercise publishes port 5000\. Make it listen on 0\.0\.0\.0:5000\./);
    expect(responds.evidence).toMatchObject({ port: 5000 });
    // Decided by the socket table, not by running out the ready timeout.
    expect((responds.evidence?.waitedMs as number) < readyTimeoutMs).toBe(true);
  }, 120_000);

  it("judges an app on 127.0.0.1 only the same way: the published port cannot reach it", async () => {
    const { verdict } = await grade(grader, exercise.spec, solutionWith('["httpd", "-f", "-p", "127.0.0.1:5000", "-h", "/www"]'));
    const responds = check(verdict, "responds");
    expect(responds.status).toBe("fail");
    expect(responds.message).toBe(
      "Your app listens on 127.0.0.1:5000; the exercise publishes port 5000. Make it listen on 0.0.0.0:5000 (all interfaces): 127.0.0.1 is reachable only from inside the container.",
    );
    expect(responds.evidence?.listening).toEqual([{ address: "127.0.0.1", port: 5000 }]);
  }, 120_000);

  it("still passes an app on the right port (the socket table never overrides a probe that answers)", async () => {
    const { verdict } = await grade(grader, exercise.spec, solutionWith('["httpd", "-f", "-p", "5000", "-h", "/www"]'));
    expect(check(verdict, "responds").status).toBe("pass");
  }, 120_000);

  it("judges a container that exits at once, with its exit code", async () => {
    const { verdict } = await grade(grader, exercise.spec, solutionWith('["sh", "-c", "echo bye; exit 3"]'));
    const starts = check(verdict, "starts");
    expect(starts.status).toBe("fail");
    expect(starts.message).toMatch(/exited with code 3/);
    expect(starts.evidence).toMatchObject({ readiness: "exited", exitCode: 3 });
  }, 120_000);

  it("falls back to waiting when the image has no cat to read the sockets with", async () => {
    const files = solutionWith('["/bin/busybox", "httpd", "-f", "-p", "8000", "-h", "/www"]');
    // The final stage holds busybox alone, without its applet links: no `cat` to exec.
    files.Dockerfile = (files.Dockerfile ?? "").replace(/^FROM (.*)$/m, "FROM $1 AS base").replace(/^(USER app)$/m, "FROM scratch\nCOPY --from=base /bin/busybox /bin/busybox\nCOPY --from=base /www /www\nCOPY --from=base /etc/passwd /etc/group /etc/\n$1");
    const { verdict } = await grade(grader, exercise.spec, files);
    const responds = check(verdict, "responds");
    expect(responds.status).toBe("fail");
    expect(responds.message).toMatch(/^Nothing answered HTTP on container port 5000/);
    expect(responds.evidence).toMatchObject({ readiness: "timeout" });
  }, 120_000);
});
