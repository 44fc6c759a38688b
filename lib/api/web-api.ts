// The browser's one client for the web API: a function per route, its URL written once, its answer typed by
// answers.ts (which the server's data functions return). A refusal becomes an ApiError carrying the server's own
// message for the learner; a network failure stays a TypeError from fetch.
import type { FileMap } from "@/grader/contract";
import type { AdminUserList, AdminUserRow, AttemptsAnswer, CohortOverview, CourseImported, ErrorBody, ExerciseDraftData, ExerciseEditorData, LessonEditorData, LessonPreview, LessonMarks, MergeReport, ProvingRunView, QuizBest, SavedQuizAttempt, SubmissionCreated, SubmissionView, UserRole } from "./answers";
import type { RegradeReport, RevisionDiff } from "./answers";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const seg = encodeURIComponent;

async function call<T>(path: string, init?: { method: "POST" | "PUT"; body: unknown; keepalive?: boolean }): Promise<T> {
  return answer<T>(
    await fetch(
      path,
      init ? { method: init.method, headers: { "content-type": "application/json" }, body: JSON.stringify(init.body), keepalive: init.keepalive } : { cache: "no-store" },
    ),
  );
}

/** A file sent as the body itself (a course archive), with its own media type. */
async function upload<T>(path: string, file: Blob, type: string): Promise<T> {
  return answer<T>(await fetch(path, { method: "POST", headers: { "content-type": type }, body: file }));
}

async function answer<T>(response: Response): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as Partial<ErrorBody> | null)?.error;
    throw new ApiError(response.status, error?.code ?? "http", error?.message ?? `The server answered ${response.status}.`, error?.details);
  }
  return body as T;
}

export const webApi = {
  attempts: (slug: string) => call<AttemptsAnswer>(`/api/exercises/${seg(slug)}/submissions`),
  submit: (slug: string, files: FileMap) => call<SubmissionCreated>(`/api/exercises/${seg(slug)}/submissions`, { method: "POST", body: { files } }),
  submission: (id: string) => call<SubmissionView>(`/api/submissions/${seg(id)}`),
  /** The live view's EventSource URL: every stored event after `after`, then live ones. */
  submissionEventsUrl: (id: string, after?: number) => `/api/submissions/${seg(id)}/events${after ? `?after=${after}` : ""}`,
  solution: (slug: string) => call<{ files: FileMap }>(`/api/exercises/${seg(slug)}/solution`),
  saveDraft: (slug: string, files: FileMap) => call<{ updatedAt: string }>(`/api/exercises/${seg(slug)}/draft`, { method: "PUT", body: { files } }),
  lessonMarks: (course: string, lesson: string) => call<LessonMarks>(`/api/progress?course=${seg(course)}&lesson=${seg(lesson)}`),
  setMark: (mark: { course: string; lesson: string; kind: "section-read" | "checklist-item"; key: string; done: boolean }) =>
    call<{ changed: boolean }>("/api/progress", { method: "POST", body: mark, keepalive: true }),
  mergeProgress: (browserProgress: unknown) => call<MergeReport>("/api/progress/merge", { method: "POST", body: browserProgress }),
  saveQuizAttempt: (attempt: unknown) => call<SavedQuizAttempt>("/api/progress/quiz-attempts", { method: "POST", body: attempt }),
  quizBest: (course: string, lesson: string) => call<QuizBest>(`/api/progress/quiz-attempts?course=${seg(course)}&lesson=${seg(lesson)}`),
  adminUsers: (query: string) => call<AdminUserList>(`/api/admin/users?q=${seg(query)}`),
  /** `draft`: keep the course from learners; `slug`: import under another slug. */
  importCourse: (archive: Blob, options: { slug?: string; draft: boolean }) => {
    const query = new URLSearchParams({ ...(options.slug ? { slug: options.slug } : {}), ...(options.draft ? { draft: "1" } : {}) }).toString();
    const type = archive.type === "application/zip" || archive.type === "application/x-zip-compressed" ? "application/zip" : "application/gzip";
    return upload<CourseImported>(`/api/admin/courses/import${query ? `?${query}` : ""}`, archive, type);
  },
  createCourse: (course: { slug: string; title: string; summary: string }) => call<{ slug: string }>("/api/admin/courses", { method: "POST", body: course }),
  createLesson: (course: string, lesson: { slug: string; title: string }) => call<{ slug: string }>(`/api/admin/courses/${seg(course)}/lessons`, { method: "POST", body: lesson }),
  saveLessonDraft: (course: string, lesson: string, draft: { frontMatter: LessonEditorData["frontMatter"]; body: string }) =>
    call<{ number: number }>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/draft`, { method: "PUT", body: draft }),
  publishLesson: (course: string, lesson: string) => call<{ number: number }>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/publish`, { method: "POST", body: {} }),
  discardLessonDraft: (course: string, lesson: string) => call<{ discarded: number }>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/discard`, { method: "POST", body: {} }),
  restoreLessonRevision: (course: string, lesson: string, revisionId: string) =>
    call<{ number: number }>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/restore`, { method: "POST", body: { revisionId } }),
  saveQuiz: (course: string, lesson: string, yaml: string) =>
    call<{ number: number; questions: number }>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/quiz`, { method: "PUT", body: { yaml } }),
  publishQuiz: (course: string, lesson: string) => call<{ number: number; questions: number }>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/quiz/publish`, { method: "POST", body: {} }),
  discardQuizDraft: (course: string, lesson: string) => call<{ discarded: number }>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/quiz/discard`, { method: "POST", body: {} }),
  restoreQuizRevision: (course: string, lesson: string, revisionId: string) =>
    call<{ number: number }>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/quiz/restore`, { method: "POST", body: { revisionId } }),
  quizRevisionDiff: (course: string, lesson: string, revisionId: string) =>
    call<RevisionDiff>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/quiz/revisions/${seg(revisionId)}/diff`),
  lessonRevisionDiff: (course: string, lesson: string, revisionId: string) =>
    call<RevisionDiff>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/revisions/${seg(revisionId)}/diff`),
  previewLesson: (body: string, keyTerms: LessonEditorData["frontMatter"]["keyTerms"]) => call<LessonPreview>("/api/admin/preview/lesson", { method: "POST", body: { body, keyTerms } }),
  createExercise: (course: string, lesson: string, exercise: { slug: string; title: string }) =>
    call<{ slug: string }>(`/api/admin/courses/${seg(course)}/lessons/${seg(lesson)}/exercises`, { method: "POST", body: exercise }),
  exerciseEditor: (slug: string) => call<ExerciseEditorData>(`/api/admin/exercises/${seg(slug)}`),
  saveExerciseDraft: (slug: string, draft: ExerciseDraftData) => call<{ number: number; revisionId: string }>(`/api/admin/exercises/${seg(slug)}/draft`, { method: "PUT", body: draft }),
  /** Starts the proving run of the newest revision (the gate before publishing). */
  proveExercise: (slug: string) => call<{ runId: string }>(`/api/admin/exercises/${seg(slug)}/proving-runs`, { method: "POST", body: {} }),
  /** "Preview as a learner": grades files against an exercise revision (counted as no one's attempt). */
  gradePreview: (slug: string, revisionId: string, files: FileMap) =>
    call<SubmissionCreated>(`/api/admin/exercises/${seg(slug)}/revisions/${seg(revisionId)}/gradings`, { method: "POST", body: { files } }),
  previewGradings: (slug: string, revisionId: string) => call<AttemptsAnswer>(`/api/admin/exercises/${seg(slug)}/revisions/${seg(revisionId)}/gradings`),
  provingRun: (id: string) => call<ProvingRunView>(`/api/admin/proving-runs/${seg(id)}`),
  publishExercise: (slug: string, runId: string) => call<{ number: number }>(`/api/admin/exercises/${seg(slug)}/publish`, { method: "POST", body: { runId } }),
  discardExerciseDraft: (slug: string) => call<{ discarded: number }>(`/api/admin/exercises/${seg(slug)}/discard`, { method: "POST", body: {} }),
  /** The old revision becomes a new draft, which needs its own proving run before it can be published. */
  restoreExerciseRevision: (slug: string, revisionId: string) =>
    call<{ number: number; revisionId: string }>(`/api/admin/exercises/${seg(slug)}/restore`, { method: "POST", body: { revisionId } }),
  exerciseRevisionDiff: (slug: string, revisionId: string) => call<RevisionDiff>(`/api/admin/exercises/${seg(slug)}/revisions/${seg(revisionId)}/diff`),
  setUserRole: (id: string, role: UserRole) => call<AdminUserRow>(`/api/admin/users/${seg(id)}/role`, { method: "POST", body: { role } }),
  startRegrade: (exercise: string) => call<{ id: string; gradings: number }>("/api/admin/regrades", { method: "POST", body: { exercise } }),
  /** Grades the published revision's reference and mistake cases again; watch it with provingRun. */
  startRegressionRun: (exercise: string) => call<{ runId: string }>("/api/admin/regression-runs", { method: "POST", body: { exercise } }),
  /** A regrade's report so far, polled while its gradings run. */
  regradeReport: (id: string) => call<RegradeReport>(`/api/admin/regrades/${seg(id)}`),
  /** An instructor's cohort page, polled for live updates. */
  cohortOverview: (cohortId: string) => call<CohortOverview>(cohortPaths.overview(cohortId)),
};

/** A cohort's instructor URLs, written once: the page links to the exports, the client polls the overview. */
export const cohortPaths = {
  page: (cohortId: string) => `/instructor/${seg(cohortId)}`,
  overview: (cohortId: string) => `/instructor/${seg(cohortId)}/overview.json`,
  exportCsv: (cohortId: string, shape: "wide" | "long" = "wide") => `/instructor/${seg(cohortId)}/export.csv${shape === "long" ? "?shape=long" : ""}`,
  exportJson: (cohortId: string) => `/instructor/${seg(cohortId)}/export.json`,
  learner: (cohortId: string, userId: string, submissionId?: string) =>
    `/instructor/${seg(cohortId)}/learners/${seg(userId)}${submissionId ? `?attempt=${seg(submissionId)}#attempt` : ""}`,
  join: (code: string) => `/join/${seg(code)}`,
};
