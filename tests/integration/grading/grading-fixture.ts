// Shared set-up for the web↔grader tests: a migrated test database holding one learner and the grader's busybox
// exercise (fast to build), and a real grader process on a loopback port that a test can kill and restart.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ExerciseFolder } from "@/grader/contract/exercise-folder";
import { readExerciseFolder } from "@/grader/contract/exercise-folder";
import { ensureTestBaseImage, requireEngine } from "@/grader/test-support/test-base-image";
import { asJson } from "@/server/json-value";
import { createTestDb, type TestDb } from "@/tests/support/test-db";

export const graderToken = "web-grading-test-token-0123456789";

export interface Seeded {
  userId: string;
  exerciseId: string;
  exercise: ExerciseFolder;
}

export async function seedExercise(testDb: TestDb, email = "learner@test.local"): Promise<Seeded> {
  const exercise = await readExerciseFolder(path.resolve("grader/test-fixtures/exercises/busybox-service"));
  const { prisma } = testDb;
  const user = await prisma.user.create({ data: { email, role: "LEARNER" } });
  const course = await prisma.course.create({ data: { slug: `c-${user.id}`, title: "Test", summary: "Test", learningPath: [], contentHash: "x" } });
  const lesson = await prisma.lesson.create({ data: { courseId: course.id, slug: "l", position: 0, state: "PUBLISHED" } });
  const row = await prisma.exercise.create({
    data: {
      lessonId: lesson.id,
      slug: `${exercise.spec.slug}-${user.id}`,
      position: 0,
      title: exercise.spec.title,
      spec: asJson(exercise.spec),
      starter: exercise.starter,
      solution: exercise.solution,
      contentHash: "x",
    },
  });
  return { userId: user.id, exerciseId: row.id, exercise };
}

export { createTestDb };

/** A grader process (npm run grader) on `port`; `kill()` is SIGKILL, as a crash would be. */
export class GraderProcess {
  private child: ChildProcess | null = null;
  readonly url: string;

  constructor(
    readonly port: number,
    private readonly name: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    await ensureTestBaseImage(await requireEngine());
    this.child = spawn("npx", ["tsx", "grader/main.ts"], {
      env: { ...process.env, GRADER_PORT: String(this.port), GRADER_HOST: "127.0.0.1", GRADER_TOKEN: graderToken, GRADER_NAME: this.name, GRADER_LOG_LEVEL: "warn" },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the grader exited with ${this.child.exitCode} at start-up`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the grader did not answer /healthz within 60 s");
  }

  /** Kills the whole process group (npx → tsx → node) at once, like a crash. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid, "SIGKILL");
    await exited;
    this.child = null;
  }
}
