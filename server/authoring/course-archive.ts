import "server-only";
// A course as an archive in the content/ format, out and in (issue 16, "round trip with git"). Export writes what the
// database holds — the current revision of every lesson, its quiz and its exercises — as the files content/ would
// hold, for built-in and authored courses alike. Import reads an uploaded archive with the content/ loader and writes
// it with the content sync (server/content), so an import is validated and stored exactly as content/ is.
import { stringify } from "yaml";
import type { Prisma } from "@/generated/prisma/client";
import type { CourseImported } from "@/lib/api/answers";
import { slugSchema } from "@/lib/content/course-schema";
import { exerciseSpecSchema } from "@/grader/contract/exercise-spec";
import { publishedExercises, requireEditableCourse, requirePermission } from "@/server/authz";
import type { Ctx } from "@/server/context";
import { ContentError } from "@/server/content/content-error";
import { hashOf, loadCourse, type LoadedCourse } from "@/server/content/load";
import { memoryFiles } from "@/server/content/memory-files";
import { revalidateReadingPages } from "@/server/content/resync";
import { syncContent } from "@/server/content/sync";
import { AppError } from "@/server/errors";
import { archiveRefused, readArchive, writeTarGz } from "./archive-files";
import { recordAudit } from "./audit";
import { exerciseFolderFiles } from "./exercise-files";
import { lessonMarkdown } from "./lesson-file";

const kindName = { SINGLE: "single", MULTIPLE: "multiple", ORDER: "order", SPOT_THE_LINE: "spot-the-line" } as const;

/** A lesson's stored questions as quiz.yaml holds them (export and the quiz editor). */
export function quizYaml(rows: { key: string; kind: keyof typeof kindName; prompt: string; data: Prisma.JsonValue; explanation: string }[]): string {
  return stringify({ questions: rows.map((q) => ({ id: q.key, kind: kindName[q.kind], prompt: q.prompt, ...(isRecord(q.data) ? q.data : {}), explanation: q.explanation })) });
}
const stateName = { PUBLISHED: "published", OUTLINE: "outline", DRAFT: "draft" } as const;

function isRecord(value: Prisma.JsonValue): value is Prisma.JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The course's files as content/<slug>/ would hold them, keyed by their path below content/. */
async function courseFiles({ db }: Ctx, slug: string): Promise<Map<string, string>> {
  const course = await db.course.findUnique({
    where: { slug },
    select: {
      slug: true,
      title: true,
      summary: true,
      learningPath: true,
      lessons: {
        where: { currentRevisionId: { not: null } },
        orderBy: { position: "asc" },
        select: {
          slug: true,
          state: true,
          currentRevision: { select: { title: true, summary: true, minutes: true, objectives: true, keyTerms: true, outline: true, body: true } },
          quizQuestions: { orderBy: { position: "asc" }, select: { key: true, kind: true, prompt: true, data: true, explanation: true } },
          exercises: { where: publishedExercises, orderBy: { position: "asc" }, select: { slug: true, spec: true, starter: true, solution: true, mistakes: true, expected: true } },
        },
      },
    },
  });
  if (!course) throw new AppError("not_found", "No such course.");
  const files = new Map<string, string>();
  const put = (name: string, text: string) => files.set(`${course.slug}/${name}`, text);
  put("course.yaml", stringify({ slug: course.slug, title: course.title, summary: course.summary, lessons: course.lessons.map((l) => l.slug), learningPath: course.learningPath }));
  for (const lesson of course.lessons) {
    const revision = lesson.currentRevision;
    if (!revision) continue;
    put(`${lesson.slug}/lesson.md`, lessonMarkdown(revision, { state: stateName[lesson.state], outline: revision.outline }));
    if (lesson.quizQuestions.length) put(`${lesson.slug}/quiz.yaml`, quizYaml(lesson.quizQuestions));
    for (const exercise of lesson.exercises) {
      const dir = `${lesson.slug}/exercises/${exercise.slug}`;
      for (const [name, text] of exerciseFolderFiles(exercise)) put(`${dir}/${name}`, text);
    }
  }
  return files;
}

export async function exportCourse(ctx: Ctx, slug: string): Promise<{ filename: string; archive: Buffer }> {
  requirePermission(ctx.actor, "content:author");
  return { filename: `${slug}.tar.gz`, archive: await writeTarGz(await courseFiles(ctx, slug)) };
}

export interface ImportOptions {
  /** Import under this slug instead of the archive's. */
  slug?: string;
  /** Keep the course a draft (hidden from learners) instead of publishing it. */
  draft?: boolean;
}

/** The one folder an archive holds, as export writes it. */
function courseFolder(files: ReadonlyMap<string, string>): string {
  const tops = new Set([...files.keys()].map((name) => name.split("/")[0]));
  const [top] = tops;
  if (tops.size !== 1 || !top || files.has(top)) {
    throw archiveRefused("The archive must hold one folder, the course's, as an export does.", [{ file: "(archive)", message: `found ${[...tops].slice(0, 5).join(", ") || "nothing"}` }]);
  }
  return top;
}

/** Content errors name files from the archive's root, as export writes them ("<course>/<lesson>/lesson.md"). */
function refusedContent(error: ContentError): AppError {
  return archiveRefused(`${error.file} is not valid.`, error.problems.map((p) => ({ file: error.file, field: p.field, line: p.line, message: p.message })));
}

/**
 * Renames the course to `slug`; its exercises whose slugs another course holds become "<slug>-<exercise>" (exercise
 * slugs are unique site-wide, and an import must not take over another course's exercise).
 */
async function renamed({ db }: Ctx, loaded: LoadedCourse, slug: string): Promise<{ course: LoadedCourse; renames: Record<string, string> }> {
  const renames: Record<string, string> = {};
  const lessons = [];
  for (const lesson of loaded.lessons) {
    const exercises = [];
    for (const exercise of lesson.exercises) {
      const holder = await db.exercise.findUnique({ where: { slug: exercise.spec.slug }, select: { lesson: { select: { course: { select: { slug: true } } } } } });
      if (!holder || holder.lesson.course.slug === slug) {
        exercises.push(exercise);
        continue;
      }
      const spec = exerciseSpecSchema.parse({ ...exercise.spec, slug: `${slug}-${exercise.spec.slug}` });
      renames[exercise.spec.slug] = spec.slug;
      const { contentHash: _, ...files } = exercise;
      const folder = { ...files, spec };
      exercises.push({ ...folder, contentHash: hashOf(folder) });
    }
    lessons.push({ ...lesson, exercises });
  }
  const course = { ...loaded.course, slug };
  return { course: { course, contentHash: hashOf(course), lessons }, renames };
}

export async function importCourse(ctx: Ctx, archive: Uint8Array, options: ImportOptions): Promise<CourseImported> {
  const actor = requirePermission(ctx.actor, "content:author");
  const files = await readArchive(archive);
  const folder = courseFolder(files);
  let loaded: LoadedCourse;
  try {
    loaded = await loadCourse(`/archive/${folder}`, memoryFiles("/archive", files));
  } catch (error) {
    if (error instanceof ContentError) throw refusedContent(error);
    throw error;
  }
  const slug = options.slug === undefined ? loaded.course.slug : slugSchema.parse(options.slug);
  const { course, renames } = await renamed(ctx, loaded, slug);

  const existing = await ctx.db.course.findUnique({ where: { slug }, select: { slug: true, source: true, position: true } });
  if (existing) requireEditableCourse(actor, existing);
  const last = await ctx.db.course.aggregate({ _max: { position: true } });
  const published = !options.draft;
  try {
    const result = await syncContent(ctx, [course], {
      source: "AUTHORED",
      state: published ? "PUBLISHED" : "DRAFT",
      position: existing?.position ?? (last._max.position ?? -1) + 1,
      authorId: actor.id,
      afterCourse: (tx) => recordAudit(tx, actor, { action: "course.import", subject: `course:${slug}`, detail: { from: folder, published, renamedExercises: renames } }),
    });
    revalidateReadingPages(result.changedCourses);
  } catch (error) {
    if (error instanceof ContentError) throw refusedContent(error);
    throw error;
  }
  return { slug, published, renamedExercises: renames };
}
