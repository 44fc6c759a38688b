import "server-only";
// A cohort's data to take elsewhere (a spreadsheet, a grade book): CSV (RFC 4180 with a header row, by
// csv-stringify) in two shapes — wide, a row per learner and a column per lesson and exercise; long, a row per
// learner × exercise × check — and JSON holding both. Built from the matrix and one more query, so the number of
// queries does not grow with the cohort.
import { stringify } from "csv-stringify/sync";
import { exerciseSpecSchema } from "@/grader/contract";
import type { CohortMatrix, ExerciseCell } from "@/lib/api/answers";
import type { Ctx } from "@/server/context";
import { cohortCheckHistory } from "./check-history";
import { loadCohortFacts } from "./cohort-facts";
import { buildMatrix, stuckAfterFailures } from "./matrix";

export type ExportShape = "wide" | "long";

const percent = (value: number | null) => (value === null ? "" : String(Math.round(value * 100)));

function cellText(cell: ExerciseCell | undefined): string {
  if (!cell || cell.state === "not-started") return "not started";
  if (cell.state === "passed") return `passed ${cell.at ?? ""}`.trim();
  return `failing: ${cell.attempts} attempt${cell.attempts === 1 ? "" : "s"}${cell.failingCheck ? ` (${cell.failingCheck})` : ""}`;
}

function stuckText(matrix: CohortMatrix, index: number): string {
  return (matrix.learners[index]?.stuck ?? []).map((f) => (f.kind === "idle" ? `idle since ${f.since}` : `${f.exerciseSlug}: ${f.check} failed ${stuckAfterFailures} times in a row`)).join("; ");
}

export function wideRows(matrix: CohortMatrix): string[][] {
  const exercises = matrix.lessons.flatMap((l) => l.exercises);
  const header = ["email", "name", "joined_at", "last_activity_at", "stuck", ...matrix.lessons.map((l) => `lesson:${l.slug} completion %`), ...exercises.map((e) => `exercise:${e.slug}`)];
  const rows = matrix.learners.map((learner, i) => [
    learner.user.email,
    learner.user.name ?? "",
    learner.joinedAt,
    learner.lastActivityAt ?? "",
    stuckText(matrix, i),
    ...matrix.lessons.map((l) => percent(learner.lessons.find((c) => c.lessonSlug === l.slug)?.completion ?? 0)),
    ...exercises.map((e) => cellText(learner.exercises[e.slug])),
  ]);
  return [header, ...rows];
}

export interface LongRow {
  email: string;
  exercise: string;
  check: string;
  required: boolean;
  attempts: number;
  firstPassAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: string | null;
}

export const longHeader = ["email", "exercise", "check", "required", "attempts", "first_pass_at", "last_attempt_at", "last_status"];

export async function cohortExport(ctx: Ctx, cohortId: string) {
  const facts = await loadCohortFacts(ctx, cohortId);
  const exerciseIds = facts.lessons.flatMap((l) => l.exercises.map((e) => e.id));
  const [history, specs] = await Promise.all([cohortCheckHistory(ctx, cohortId), ctx.db.exercise.findMany({ where: { id: { in: exerciseIds } }, select: { id: true, slug: true, spec: true } })]);
  const matrix = await buildMatrix(facts);
  const historyOf = new Map(history.map((h) => [`${h.userId}/${h.exerciseId}/${h.check}`, h]));
  const long: LongRow[] = [];
  for (const learner of matrix.learners) {
    for (const exercise of specs) {
      const spec = exerciseSpecSchema.safeParse(exercise.spec);
      for (const check of spec.success ? spec.data.checks : []) {
        const h = historyOf.get(`${learner.user.id}/${exercise.id}/${check.id}`);
        long.push({
          email: learner.user.email,
          exercise: exercise.slug,
          check: check.id,
          required: check.required,
          attempts: h?.attempts ?? 0,
          firstPassAt: h?.firstPassAt?.toISOString() ?? null,
          lastAttemptAt: h?.lastAttemptAt.toISOString() ?? null,
          lastStatus: h?.lastStatus ?? null,
        });
      }
    }
  }
  return { matrix, long };
}

export async function cohortCsv(ctx: Ctx, cohortId: string, shape: ExportShape): Promise<{ filename: string; body: string }> {
  const { matrix, long } = await cohortExport(ctx, cohortId);
  const rows =
    shape === "wide"
      ? wideRows(matrix)
      : [longHeader, ...long.map((r) => [r.email, r.exercise, r.check, String(r.required), String(r.attempts), r.firstPassAt ?? "", r.lastAttemptAt ?? "", r.lastStatus ?? ""])];
  return { filename: exportFilename(matrix, shape === "wide" ? "csv" : "long.csv"), body: csvOf(rows) };
}

/**
 * RFC 4180 text a spreadsheet opens as data: a cell starting like a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe (OWASP's CSV-injection rule), since a learner chooses their own name and an instructor opens the file.
 */
export function csvOf(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], { record_delimiter: "windows", cast: { string: (cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell) } });
}

export async function cohortJson(ctx: Ctx, cohortId: string) {
  const { matrix, long } = await cohortExport(ctx, cohortId);
  return { filename: exportFilename(matrix, "json"), body: { format: "shipshape-cohort-export", version: 1, cohort: matrix.cohort, generatedAt: matrix.generatedAt, lessons: matrix.lessons, learners: matrix.learners, checks: long } };
}

function exportFilename(matrix: CohortMatrix, extension: string): string {
  const name = matrix.cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "cohort";
  return `${name}-${matrix.generatedAt.slice(0, 10)}.${extension}`;
}
