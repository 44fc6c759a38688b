import "server-only";
// A learner's own account: everything we hold about them as JSON, and deleting it all (rows cascade from User).
// The export is streamed: each section is read from the database a page at a time and written out as it comes,
// so a learner with hundreds of graded submissions (files, verdicts, logs) costs one page of memory, not all.
import { deleteAccountSchema } from "@/lib/validations/account";
import { requirePermission } from "@/server/authz";
import { AppError } from "@/server/errors";
import type { Ctx } from "@/server/context";

const pageSize = 50;
const lessonSelect = { select: { slug: true, course: { select: { slug: true } } } } as const;
const lessonRef = (l: { slug: string; course: { slug: string } }) => ({ course: l.course.slug, lesson: l.slug });

/** Reads rows a page at a time by id cursor (oldest first), mapping each as it goes. */
async function* paged<Row extends { id: string }, Out>(read: (cursor: { take: number; skip?: number; cursor?: { id: string } }) => Promise<Row[]>, map: (row: Row) => Out): AsyncGenerator<Out> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await read(cursor ? { take: pageSize, skip: 1, cursor: { id: cursor } } : { take: pageSize });
    for (const row of rows) yield map(row);
    const last = rows.at(-1);
    if (rows.length < pageSize || !last) return;
    cursor = last.id;
  }
}

/** The caller's data as chunks of one JSON document; authorization and the account read happen before the first chunk. */
export async function exportAccountData(ctx: Ctx): Promise<{ exportedAt: string; chunks: AsyncIterable<string> }> {
  const me = requirePermission(ctx.actor, "own-data");
  const user = await ctx.db.user.findUnique({
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
      drafts: { select: { files: true, updatedAt: true, exercise: { select: { slug: true } } } },
      ownedCohorts: { select: { id: true, name: true, createdAt: true, members: { select: { user: { select: { email: true } } } } } },
      memberships: { select: { joinedAt: true, cohort: { select: { id: true, name: true } } } },
    },
  });
  if (!user) throw new AppError("not_found", "Your account no longer exists.");
  const exportedAt = new Date().toISOString();
  const userId = me.id;
  const order = [{ createdAt: "asc" }, { id: "asc" }] as const;

  const head = {
    format: "shipshape-account-export",
    version: 1,
    exportedAt,
    account: { id: user.id, email: user.email, name: user.name, role: user.role, image: user.image, emailVerified: user.emailVerified, createdAt: user.createdAt, updatedAt: user.updatedAt },
    linkedAccounts: user.accounts,
    drafts: user.drafts.map(({ exercise, ...d }) => ({ exercise: exercise.slug, ...d })),
    cohortsOwned: user.ownedCohorts.map(({ members, ...c }) => ({ ...c, members: members.map((m) => m.user.email) })),
    cohortMemberships: user.memberships.map((m) => ({ cohortId: m.cohort.id, name: m.cohort.name, joinedAt: m.joinedAt })),
  };

  async function* chunks(): AsyncGenerator<string> {
    yield JSON.stringify(head).slice(0, -1);
    const sections: [string, AsyncIterable<unknown>][] = [
      ["progress", paged((page) => ctx.db.progressMark.findMany({ ...page, where: { userId }, orderBy: [...order], select: { id: true, kind: true, key: true, createdAt: true, lesson: lessonSelect } }), ({ id: _id, lesson, ...m }) => ({ ...lessonRef(lesson), ...m }))],
      ["quizAttempts", paged((page) => ctx.db.quizAttempt.findMany({ ...page, where: { userId }, orderBy: [...order], select: { id: true, clientId: true, score: true, correct: true, total: true, answers: true, createdAt: true, lesson: lessonSelect } }), ({ id: _id, lesson, ...a }) => ({ ...lessonRef(lesson), ...a }))],
      [
        "submissions",
        paged(
          (page) => ctx.db.submission.findMany({ ...page, where: { userId }, orderBy: [...order], select: { id: true, status: true, score: true, files: true, verdict: true, imageSizeBytes: true, createdAt: true, finishedAt: true, exercise: { select: { slug: true } } } }),
          ({ exercise, imageSizeBytes, ...s }) => ({ exercise: exercise.slug, imageSizeBytes: imageSizeBytes === null ? null : Number(imageSizeBytes), ...s }),
        ),
      ],
    ];
    for (const [name, rows] of sections) {
      yield `,${JSON.stringify(name)}:[`;
      let first = true;
      for await (const row of rows) {
        yield `${first ? "" : ","}\n${JSON.stringify(row)}`;
        first = false;
      }
      yield "]";
    }
    yield "}\n";
  }
  return { exportedAt, chunks: chunks() };
}

export async function deleteAccount(ctx: Ctx, input: unknown): Promise<void> {
  const me = requirePermission(ctx.actor, "own-data");
  const { confirmEmail } = deleteAccountSchema.parse(input);
  if (confirmEmail !== me.email) {
    throw new AppError("invalid_input", "Type your account's email address exactly to confirm.", { details: { fields: { confirmEmail: "This is not your account's email address." } } });
  }
  // Lesson revisions they authored keep existing (authorId is set null by the schema); everything else is theirs.
  await ctx.db.user.delete({ where: { id: me.id } });
}
