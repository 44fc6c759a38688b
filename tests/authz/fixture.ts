// A small course written straight into a test database: one published lesson with sections, a checklist,
// a two-question quiz and an exercise; one draft lesson nobody may attach progress to; and one user per role.
import path from "node:path";
import type { PrismaClient, Role } from "@/generated/prisma/client";
import { readExerciseFolder } from "@/grader/files-on-disk";
import { asJson } from "@/server/json-value";
import { hashPassword } from "@/server/accounts/passwords";

export const fixtureBody = `Intro paragraph.

## Why containers

Some words.

## Build the image

- [ ] Write a Dockerfile
- [ ] Build it with docker build

## Run it

Run it.
`;

export const fixtureSections = ["why-containers", "build-the-image", "run-it"] as const;
export const fixtureChecklist = ["build-the-image--write-a-dockerfile", "build-the-image--build-it-with-docker-build"] as const;
export const fixturePassword = "correct horse battery staple";

export interface Fixture {
  courseSlug: string;
  lessonSlug: string;
  lessonId: string;
  draftSlug: string;
  exerciseId: string;
  exerciseSlug: string;
  users: Record<"learner" | "other" | "instructor" | "admin", { id: string; email: string; role: Role }>;
}

export async function seedFixture(prisma: PrismaClient): Promise<Fixture> {
  const course = await prisma.course.create({ data: { slug: "demo-course", title: "Demo course", summary: "s", learningPath: [], contentHash: "c" } });
  const lesson = await prisma.lesson.create({ data: { courseId: course.id, slug: "first-lesson", position: 0, state: "PUBLISHED" } });
  const revision = await prisma.lessonRevision.create({
    data: { lessonId: lesson.id, number: 1, title: "First lesson", summary: "s", minutes: 5, objectives: [], keyTerms: [], body: fixtureBody, contentHash: "fixture-body-1" },
  });
  await prisma.lesson.update({ where: { id: lesson.id }, data: { currentRevisionId: revision.id } });
  const draft = await prisma.lesson.create({ data: { courseId: course.id, slug: "secret-draft", position: 1, state: "DRAFT" } });
  const draftRevision = await prisma.lessonRevision.create({
    data: { lessonId: draft.id, number: 1, title: "Draft", summary: "s", minutes: 5, objectives: [], keyTerms: [], body: "## Draft", contentHash: "fixture-draft" },
  });
  await prisma.lesson.update({ where: { id: draft.id }, data: { currentRevisionId: draftRevision.id } });
  await prisma.quizQuestion.createMany({
    data: [
      { lessonId: lesson.id, key: "image-or-container", position: 0, kind: "SINGLE", prompt: "Which one runs?", explanation: "A container is a running image.", contentHash: "q1", data: { options: [{ id: "image", text: "An image" }, { id: "container", text: "A container" }], answer: "container" } },
      { lessonId: lesson.id, key: "build-order", position: 1, kind: "ORDER", prompt: "Order the steps", explanation: "Dependencies before source.", contentHash: "q2", data: { steps: [{ id: "from", text: "FROM" }, { id: "deps", text: "COPY requirements.txt + RUN pip install" }, { id: "src", text: "COPY . ." }] } },
    ],
  });
  // A real exercise folder, so the grading routes accept its spec.
  const folder = await readExerciseFolder(path.resolve("content/containers/dockerize-a-service/exercises/first-service"));
  const exercise = await prisma.exercise.create({
    data: { lessonId: lesson.id, slug: folder.spec.slug, position: 0, title: "Demo exercise", spec: asJson(folder.spec), starter: folder.starter, solution: folder.solution, contentHash: "e" },
  });
  const passwordHash = await hashPassword(fixturePassword);
  const make = (email: string, role: Role) => prisma.user.create({ data: { email, role, passwordHash }, select: { id: true, email: true, role: true } });
  const users = {
    learner: await make("learner@example.test", "LEARNER"),
    other: await make("other@example.test", "LEARNER"),
    instructor: await make("instructor@example.test", "INSTRUCTOR"),
    admin: await make("admin@example.test", "ADMIN"),
  };
  return { courseSlug: course.slug, lessonSlug: lesson.slug, lessonId: lesson.id, draftSlug: draft.slug, exerciseId: exercise.id, exerciseSlug: exercise.slug, users };
}
