import "server-only";
// The admin area's view of every course, built-in or authored, drafts included: what exists and where it is edited.
import type { AuthoringCourseRow } from "@/lib/api/answers";
import { requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";

export async function listAuthoringCourses({ db, actor }: Ctx): Promise<AuthoringCourseRow[]> {
  requirePermission(actor, "content:author");
  const courses = await db.course.findMany({
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      slug: true,
      title: true,
      state: true,
      source: true,
      lessons: {
        orderBy: { position: "asc" },
        // The newest revision's title: a lesson never published has only drafts.
        select: {
          slug: true,
          state: true,
          revisions: { orderBy: { number: "desc" }, take: 1, select: { title: true } },
          exercises: { orderBy: { position: "asc" }, select: { slug: true, title: true, state: true } },
          _count: { select: { exercises: true, quizQuestions: true } },
        },
      },
    },
  });
  return courses.map((c) => ({
    slug: c.slug,
    title: c.title,
    state: c.state,
    source: c.source,
    lessons: c.lessons.map((l) => ({ slug: l.slug, title: l.revisions[0]?.title ?? null, state: l.state, exercises: l._count.exercises, exerciseLinks: l.exercises, questions: l._count.quizQuestions })),
  }));
}
