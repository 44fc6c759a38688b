// What an anonymous visitor did, kept in this browser's localStorage until they sign in:
//   shipshape:checklist:<course>/<lesson>  ticked checklist ids (written by components/lesson/checklist-store)
//   shipshape:sections:<course>/<lesson>   sections read to the end
//   shipshape:quiz:<course>/<lesson>       finished quick-test attempts, each with its own clientId
// For a signed-in reader the same keys mirror the account, so the page reads one place either way.
import type { Answers } from "@/lib/quiz/answer";
import type { MergeInput } from "@/lib/validations/progress";

const prefix = { checklist: "shipshape:checklist:", sections: "shipshape:sections:", quiz: "shipshape:quiz:" } as const;
const mergedFlag = "shipshape:merged-for";

// What is read back is checked with type guards, not zod: this module is on every reading page, and zod was the
// largest part of their JavaScript. The server validates whatever it is sent (the merge re-checks every answer
// against lib/quiz/answer's schema), so these checks only keep a damaged entry from breaking the page.
export interface StoredAttempt {
  clientId: string;
  answers: Answers;
  finishedAt: string;
  correct: number;
  total: number;
}

export function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isStoredAttempt(value: unknown): value is StoredAttempt {
  if (typeof value !== "object" || value === null) return false;
  const { clientId, answers, finishedAt, correct, total } = value as Record<string, unknown>;
  return (
    typeof clientId === "string" &&
    typeof answers === "object" &&
    answers !== null &&
    !Array.isArray(answers) &&
    typeof finishedAt === "string" &&
    typeof correct === "number" &&
    typeof total === "number"
  );
}

function isAttemptList(value: unknown): value is StoredAttempt[] {
  return Array.isArray(value) && value.every(isStoredAttempt);
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: nothing is kept, nothing breaks
  }
}

function readJson<T>(key: string, isValid: (value: unknown) => value is T, fallback: T): T {
  const raw = storage()?.getItem(key);
  if (!raw) return fallback;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isValid(parsed) ? parsed : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    return; // quota or privacy mode: the account (if any) still has it
  }
}

export function readSections(lessonKey: string): string[] {
  return readJson(prefix.sections + lessonKey, isStringList, []);
}

export function addSection(lessonKey: string, sectionId: string): boolean {
  const current = readSections(lessonKey);
  if (current.includes(sectionId)) return false;
  write(prefix.sections + lessonKey, [...current, sectionId]);
  return true;
}

export function readAttempts(lessonKey: string): StoredAttempt[] {
  return readJson(prefix.quiz + lessonKey, isAttemptList, []);
}

export function addAttempt(lessonKey: string, attempt: { clientId: string; answers: Answers; correct: number; total: number }): void {
  write(prefix.quiz + lessonKey, [...readAttempts(lessonKey), { ...attempt, finishedAt: new Date().toISOString() }]);
}

/** Replaces this browser's copy of a lesson with what the account holds, and tells the checklist about it. */
export function mirrorAccount(lessonKey: string, marks: { sectionsRead: string[]; checklist: string[] }): void {
  write(prefix.sections + lessonKey, marks.sectionsRead);
  write(prefix.checklist + lessonKey, marks.checklist);
  window.dispatchEvent(new StorageEvent("storage", { key: prefix.checklist + lessonKey }));
}

function lessonKeys(): Set<string> {
  const keys = new Set<string>();
  const store = storage();
  if (!store) return keys;
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i) ?? "";
    for (const p of Object.values(prefix)) if (key.startsWith(p)) keys.add(key.slice(p.length));
  }
  return keys;
}

/** Everything kept here, in the shape POST /api/progress/merge takes. */
export function collectForMerge(): MergeInput {
  const input: MergeInput = { lessons: [], attempts: [] };
  for (const lessonKey of lessonKeys()) {
    const [course, lesson] = lessonKey.split("/");
    if (!course || !lesson) continue;
    input.lessons.push({ course, lesson, sectionsRead: readSections(lessonKey), checklist: readJson(prefix.checklist + lessonKey, isStringList, []) });
    for (const a of readAttempts(lessonKey)) input.attempts.push({ clientId: a.clientId, course, lesson, answers: a.answers, finishedAt: a.finishedAt });
  }
  return input;
}

export function mergedFor(): string | null {
  return storage()?.getItem(mergedFlag) ?? null;
}

export function markMergedFor(userId: string): void {
  try {
    storage()?.setItem(mergedFlag, userId);
  } catch {
    return;
  }
}

/** On sign-out: the account keeps the progress; the browser must not hand it to the next person who signs in. */
export function clearBrowserProgress(): void {
  const store = storage();
  if (!store) return;
  const doomed: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i) ?? "";
    if (key === mergedFlag || Object.values(prefix).some((p) => key.startsWith(p))) doomed.push(key);
  }
  for (const key of doomed) store.removeItem(key);
}
