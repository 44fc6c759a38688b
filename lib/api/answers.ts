// What the web API's routes answer with: declared once here, returned by the server's data functions and read by
// the browser through web-api.ts, so neither side writes the other's shapes again.
import type { StreamedEvent, SubmissionStatus } from "@/lib/grading/submission-events";
import type { FileMap, Verdict } from "@/grader/contract";

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

export interface QuizAttemptSummary {
  clientId: string;
  score: number;
  correct: number;
  total: number;
  createdAt: string;
}
