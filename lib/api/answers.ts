// What the web API's routes answer with: declared once here, returned by the server's data functions and read by
// the browser through web-api.ts, so neither side writes the other's shapes again.
import type { StreamedEvent } from "@/lib/grading/submission-events";
import type { SubmissionStatus } from "@/lib/grading/submission-status";
import type { ExerciseSpec, FileMap, Verdict } from "@/grader/contract";
import type { Expected } from "@/grader/contract/exercise-cases";

/** `{ error: { code, message, details? } }`: every refusal, from the one error mapping (server/errors). */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** An image's total size under a label, for the size chart. */
export interface SizedImage {
  label: string;
  sizeBytes: number;
}

/** The reference solution's image, measured once per exercise version. */
export interface ReferenceImage extends SizedImage {
  layers: { createdBy: string; sizeBytes: number }[];
}

/** One attempt at an exercise, as the attempt list shows it. */
export interface AttemptSummary {
  id: string;
  status: SubmissionStatus;
  score: number | null;
  imageSizeBytes: number | null;
  createdAt: string;
  /** Per-layer sizes of the image, for comparing with the next attempt. */
  layers: { createdBy: string; sizeBytes: number }[];
}

export interface AttemptsAnswer {
  attempts: AttemptSummary[];
  reference: ReferenceImage | null;
}

/** A submission just stored: its id, and its first event (shown at once, before the event stream opens). */
export interface SubmissionCreated {
  id: string;
  event: StreamedEvent;
}

export interface SubmissionView {
  id: string;
  exerciseSlug: string;
  status: SubmissionStatus;
  score: number | null;
  imageSizeBytes: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  dispatches: number;
  files: FileMap;
  verdict: Verdict | null;
}

export interface LessonMarks {
  sectionsRead: string[];
  checklist: string[];
}

export interface MergeReport {
  marksAdded: number;
  attemptsAdded: number;
  /** Lessons or attempts that no longer exist (e.g. a lesson was unpublished): skipped, not an error. */
  skipped: number;
}

export interface SavedQuizAttempt {
  clientId: string;
  score: number;
  correct: number;
  total: number;
  /** False when this clientId was already stored (nothing changed). */
  created: boolean;
}

export interface QuizBest {
  /** The best score (0–1) of the caller's finished attempts, null before the first. */
  best: number | null;
}

/** The roles an admin can give (mirrors the database's Role). */
export type UserRole = "LEARNER" | "INSTRUCTOR" | "ADMIN";

export interface AdminUserRow {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  createdAt: string;
}

export interface AdminUserList {
  users: AdminUserRow[];
  /** How many match in all; the list holds at most the first page. */
  total: number;
}

export interface AuditEntryView {
  id: string;
  action: string;
  subject: string;
  /** The entry's before/after as JSON text. */
  detail: string;
  actorEmail: string | null;
  at: string;
}

/** A course archive imported: the course's slug, whether it was published, and exercises renamed to stay unique. */
export interface CourseImported {
  slug: string;
  published: boolean;
  renamedExercises: Record<string, string>;
}

/** One problem found in an archive: the file, the field within it and the line where known. */
export interface ArchiveIssue {
  file: string;
  field?: string;
  line?: number;
  message: string;
}

/** A course as the admin area lists it. */
export interface AuthoringCourseRow {
  slug: string;
  title: string;
  state: "DRAFT" | "OUTLINE" | "PUBLISHED";
  /** Built-in courses are read-only here: they change in content/<slug>/. */
  source: "BUILT_IN" | "AUTHORED";
  lessons: {
    slug: string;
    title: string | null;
    state: "DRAFT" | "OUTLINE" | "PUBLISHED";
    exercises: number;
    /** Each exercise, drafts included, for the exercise editor. */
    exerciseLinks: { slug: string; title: string; state: "DRAFT" | "OUTLINE" | "PUBLISHED" }[];
    questions: number;
  }[];
}

/** One exercise of one learner in a cohort's matrix: never tried, failing (attempts so far), or passed (when). */
export interface ExerciseCell {
  state: "not-started" | "failing" | "passed";
  /** Counted attempts (pass or fail). */
  attempts: number;
  /** The first pass, or else the latest attempt. */
  at: string | null;
  /** The latest attempt's first failing required check, when it failed. */
  failingCheck: string | null;
  latestSubmissionId: string | null;
}

export interface LessonCell {
  lessonSlug: string;
  sectionsRead: number;
  checklistDone: number;
  /** Best quick test score 0..1; null when never taken. */
  bestQuiz: number | null;
  /** 0..1, as the learner's own progress page counts it. */
  completion: number;
}

/** Why a learner may need a hand: the same required check failed three gradings in a row, or a week without activity. */
export type StuckFlag = { kind: "repeating-failure"; exerciseSlug: string; check: string; since: string } | { kind: "idle"; since: string };

export interface MatrixLearner {
  user: { id: string; email: string; name: string | null };
  joinedAt: string;
  lastActivityAt: string | null;
  lessons: LessonCell[];
  /** Keyed by exercise slug. */
  exercises: Record<string, ExerciseCell>;
  stuck: StuckFlag[];
}

export interface MatrixColumns {
  lessons: { slug: string; title: string; sections: number; checklist: number; quizQuestions: number; exercises: { slug: string; title: string }[] }[];
}

export interface CohortMatrix extends MatrixColumns {
  cohort: { id: string; name: string };
  learners: MatrixLearner[];
  /** The summary row: mean completion per lesson, and per exercise how many learners are in each state. */
  summary: {
    lessons: Record<string, number>;
    exercises: Record<string, { passed: number; failing: number; notStarted: number }>;
    stuck: number;
  };
  generatedAt: string;
}

/** Learners whose latest attempt failed the same way, within a cluster of one first-failing required check. */
export interface SignatureGroup {
  signature: string;
  /** Of the learners who attempted the exercise. */
  share: number;
  learners: { id: string; email: string; name: string | null; submissionId: string }[];
  /** One attempt in this group, to read. */
  example: { userId: string; submissionId: string; message: string };
}

export interface CheckCluster {
  check: string;
  title: string;
  hint: string | null;
  share: number;
  learnerCount: number;
  signatures: SignatureGroup[];
}

export interface ExerciseClusters {
  exercise: { slug: string; title: string };
  /** Learners with at least one counted attempt; their latest attempt is what is grouped. */
  attempted: number;
  passed: number;
  clusters: CheckCluster[];
}

/** What the instructor's cohort page polls: the matrix and the clusters, drawn from one read of the cohort. */
export interface CohortOverview {
  matrix: CohortMatrix;
  clusters: ExerciseClusters[];
}

/** A lesson, quiz or exercise revision in its editor's history: the published one, drafts after it, older ones before it. */
export interface RevisionRow {
  id: string;
  number: number;
  title: string;
  authorEmail: string | null;
  createdAt: string;
  published: boolean;
}

/** What the lesson editor opens with: the newest revision's fields (a draft's if there is one) and the history. */
export interface LessonEditorData {
  course: { slug: string; title: string; editable: boolean };
  slug: string;
  state: "DRAFT" | "OUTLINE" | "PUBLISHED";
  /** The newest revision is unpublished. */
  hasDraft: boolean;
  frontMatter: { title: string; summary: string; minutes: number; objectives: string[]; keyTerms: { term: string; aliases: string[]; definition: string }[] };
  body: string;
  revisions: RevisionRow[];
}

/** The lesson pipeline's rendering of a draft body, for the editor's preview. */
export interface LessonPreview {
  html: string;
  toc: { id: string; text: string; depth: 2 | 3 }[];
}

/** An exercise as its editor holds it (lib/authoring/exercise-draft.ts checks it with the grader's own schemas). */
export interface ExerciseDraftData {
  spec: ExerciseSpec;
  starter: FileMap;
  solution: FileMap;
  mistakes: Record<string, FileMap>;
  expected: Expected;
}

/** One case of a proving run: its grading (streamed like a learner's) and, once judged, what is wrong with it. */
export interface ProvingCaseView {
  /** "reference-1", "reference-2", "starter", "mistake:<case>". */
  key: string;
  label: string;
  submissionId: string | null;
  status: SubmissionStatus;
  /** Checks this case must fail (a mistake case's named check). */
  mustFail: string[];
  mustPass: boolean;
  problem: string | null;
}

export interface ProvingRunView {
  id: string;
  exerciseSlug: string;
  purpose: "PUBLISH" | "REGRESSION";
  revisionId: string;
  revisionNumber: number;
  createdAt: string;
  /** "failed" as soon as one case is judged wrong; "passed" only when every case is graded and right. */
  outcome: "running" | "passed" | "failed";
  problems: string[];
  cases: ProvingCaseView[];
}

/** What the exercise editor opens with: the newest revision (a draft's if there is one), the history, the last run. */
export interface ExerciseEditorData {
  course: { slug: string; title: string; editable: boolean };
  lesson: { slug: string; title: string };
  slug: string;
  state: "DRAFT" | "OUTLINE" | "PUBLISHED";
  /** Built-in exercises are read-only here: the folder in content/ to edit instead. */
  contentPath: string | null;
  /** The newest revision is not the published one. */
  hasDraft: boolean;
  newestRevisionId: string | null;
  draft: ExerciseDraftData;
  /** Revisions newest first; `title` is the spec's title in each. */
  revisions: RevisionRow[];
  /** The newest revision's latest publishing run, if any. */
  lastRun: ProvingRunView | null;
}

/** A check whose status differs between a learner's original grading and its regrade. */
export interface FlippedCheck {
  id: string;
  title: string;
  before: string | null;
  after: string | null;
}

/** One learner's latest submission graded again: the original verdict is kept, this is the new one beside it. */
export interface RegradeRow {
  learner: string;
  originalId: string;
  gradingId: string;
  before: SubmissionStatus;
  after: SubmissionStatus;
  /** Judged, and its status or the status of a check both verdicts have differs from the original's. */
  changed: boolean;
  flipped: FlippedCheck[];
}

export interface RegradeReport {
  id: string;
  exercise: { slug: string; title: string };
  requestedBy: string | null;
  createdAt: string;
  total: number;
  finished: number;
  /** Changed rows first, then the rest in the learners' order. */
  rows: RegradeRow[];
}

export interface RegradeSummary {
  id: string;
  createdAt: string;
  requestedBy: string | null;
  total: number;
  finished: number;
  changed: number;
}

/** An exercise in the regrades page: how many learners have a judged submission, and its past regrades. */
export interface RegradeExerciseRow {
  slug: string;
  title: string;
  course: string;
  learners: number;
  regrades: RegradeSummary[];
  /** It is published, so a regression run can grade its reference and mistake cases again. */
  regressionRun: boolean;
}

/** One line of a revision diff. */
export interface DiffLine {
  kind: "added" | "removed" | "same";
  text: string;
}

/** A revision against the published one (`from` null: nothing was published yet), line by line. */
export interface RevisionDiff {
  from: number | null;
  to: number;
  added: number;
  removed: number;
  lines: DiffLine[];
}

/** What the quiz editor opens with: the newest revision's quiz.yaml (a draft's if there is one) and the history. */
export interface QuizEditorData {
  yaml: string;
  editable: boolean;
  /** The newest revision is unpublished. */
  hasDraft: boolean;
  /** Revisions newest first; `title` says how many questions each has. */
  revisions: RevisionRow[];
}
