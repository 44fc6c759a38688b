import "server-only";
// A learner's own account: everything we hold about them as JSON, and deleting it all (rows cascade from User).
import type { PrismaClient } from "@/generated/prisma/client";
import { deleteAccountSchema } from "@/lib/validations/account";
import { requirePermission, type Actor } from "@/server/authz";
import { AppError } from "@/server/errors";

export async function exportAccountData(prisma: PrismaClient, actor: Actor | null) {
  const me = requirePermission(actor, "own-data");
  const user = await prisma.user.findUnique({
    where: { id: me.id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      image: true,
      emailVerified: true,
      createdAt: true,
      updatedAt: true,
      // Tokens stay out: they are the provider's secrets, not the learner's data.
      accounts: { select: { provider: true, providerAccountId: true, type: true } },
      progressMarks: { select: { kind: true, key: true, createdAt: true, lesson: { select: { slug: true, course: { select: { slug: true } } } } }, orderBy: { createdAt: "asc" } },
      quizAttempts: { select: { clientId: true, score: true, correct: true, total: true, answers: true, createdAt: true, lesson: { select: { slug: true, course: { select: { slug: true } } } } }, orderBy: { createdAt: "asc" } },
      submissions: { select: { id: true, status: true, score: true, files: true, verdict: true, imageSizeBytes: true, createdAt: true, finishedAt: true, exercise: { select: { slug: true } } }, orderBy: { createdAt: "asc" } },
      drafts: { select: { files: true, updatedAt: true, exercise: { select: { slug: true } } } },
      ownedCohorts: { select: { id: true, name: true, createdAt: true, members: { select: { user: { select: { email: true } } } } } },
      memberships: { select: { joinedAt: true, cohort: { select: { id: true, name: true } } } },
    },
  });
  if (!user) throw new AppError("not_found", "Your account no longer exists.");
  const lessonRef = (l: { slug: string; course: { slug: string } }) => ({ course: l.course.slug, lesson: l.slug });
  return {
    format: "shipshape-account-export",
    version: 1,
    exportedAt: new Date().toISOString(),
    account: { id: user.id, email: user.email, name: user.name, role: user.role, image: user.image, emailVerified: user.emailVerified, createdAt: user.createdAt, updatedAt: user.updatedAt },
    linkedAccounts: user.accounts,
    progress: user.progressMarks.map(({ lesson, ...m }) => ({ ...lessonRef(lesson), ...m })),
    quizAttempts: user.quizAttempts.map(({ lesson, ...a }) => ({ ...lessonRef(lesson), ...a })),
    submissions: user.submissions.map(({ exercise, imageSizeBytes, ...s }) => ({ exercise: exercise.slug, imageSizeBytes: imageSizeBytes === null ? null : Number(imageSizeBytes), ...s })),
    drafts: user.drafts.map(({ exercise, ...d }) => ({ exercise: exercise.slug, ...d })),
    cohortsOwned: user.ownedCohorts.map(({ members, ...c }) => ({ ...c, members: members.map((m) => m.user.email) })),
    cohortMemberships: user.memberships.map((m) => ({ cohortId: m.cohort.id, name: m.cohort.name, joinedAt: m.joinedAt })),
  };
}

export type AccountExport = Awaited<ReturnType<typeof exportAccountData>>;

export async function deleteAccount(prisma: PrismaClient, actor: Actor | null, input: unknown): Promise<void> {
  const me = requirePermission(actor, "own-data");
  const { confirmEmail } = deleteAccountSchema.parse(input);
  if (confirmEmail !== me.email) {
    throw new AppError("invalid_input", "Type your account's email address exactly to confirm.", { details: { fields: { confirmEmail: "This is not your account's email address." } } });
  }
  // Lesson revisions they authored keep existing (authorId is set null by the schema); everything else is theirs.
  await prisma.user.delete({ where: { id: me.id } });
}
