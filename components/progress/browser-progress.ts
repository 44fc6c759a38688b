// What an anonymous visitor did, kept in this browser's localStorage until they sign in:
//   shipshape:checklist:<course>/<lesson>  ticked checklist ids (written by components/lesson/checklist-store)
//   shipshape:sections:<course>/<lesson>   sections read to the end
//   shipshape:quiz:<course>/<lesson>       finished quick-test attempts, each with its own clientId
// For a signed-in reader the same keys mirror the account, so the page reads one place either way.
import { z } from "zod";
import { answersSchema, type Answers } from "@/lib/quiz/answer";
import type { MergeInput } from "@/lib/validations/progress";

const prefix = { checklist: "shipshape:checklist:", sections: "shipshape:sections:", quiz: "shipshape:quiz:" } as const;
const mergedFlag = "shipshape:merged-for";

const idListSchema = z.array(z.string());
export const storedAttemptSchema = z.object({
  clientId: z.string(),
  answers: answersSchema,
  finishedAt: z.string(),
  correct: z.number(),
  total: z.number(),
});
export type StoredAttempt = z.infer<typeof storedAttemptSchema>;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: nothing is kept, nothing breaks
  }
}

function readJson<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = storage()?.getItem(key);
  if (!raw) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
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
  return readJson(prefix.sections + lessonKey, idListSchema, []);
}

export function addSection(lessonKey: string, sectionId: string): boolean {
  const current = readSections(lessonKey);
  if (current.includes(sectionId)) return false;
  write(prefix.sections + lessonKey, [...current, sectionId]);
  return true;
}

export function readAttempts(lessonKey: string): StoredAttempt[] {
  return readJson(prefix.quiz + lessonKey, z.array(storedAttemptSchema), []);
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
    input.lessons.push({ course, lesson, sectionsRead: readSections(lessonKey), checklist: readJson(prefix.checklist + lessonKey, idListSchema, []) });
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
