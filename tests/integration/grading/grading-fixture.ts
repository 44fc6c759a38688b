// Shared set-up for the web↔grader tests: a migrated test database holding one learner and the grader's busybox
// exercise (fast to build), and a real grader process on a loopback port that a test can kill and restart.
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { PrismaClient } from "@/generated/prisma/client";
import type { ExerciseFolder } from "@/grader/contract/exercise-folder";
import { GraderProcess, graderToken } from "@/grader/test-support/grader-process";
import { Dispatcher, defaultReconnectDelay, type DispatcherOptions } from "@/server/grader-link/dispatcher";
import { EventHub } from "@/server/submissions/event-hub";
import { readExerciseFolder } from "@/grader/files-on-disk";
import { asJson } from "@/server/json-value";
import { createTestDb, type TestDb } from "@/tests/support/test-db";

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

/** One web instance's dispatcher on the test database, talking to a test grader; `options` override the defaults. */
export function webDispatcher(prisma: PrismaClient, grader: { url: string }, options: Partial<DispatcherOptions> = {}): Dispatcher {
  return new Dispatcher({
    db: prisma,
    grader: { url: grader.url, token: graderToken },
    hub: new EventHub(),
    maxDispatches: 3,
    maxWaitMs: 60_000,
    reconnectDelayMs: defaultReconnectDelay,
    log: () => {},
    instanceId: `web-${randomUUID()}`,
    leaseMs: 30_000,
    lowPrioritySlots: 1,
    ...options,
  });
}

export { createTestDb };

export { GraderProcess, graderToken };
