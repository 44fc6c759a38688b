// Sends progress to the account when someone is signed in; the browser copy is written either way.
import { clientSession } from "@/components/account/client-session";
import type { ProgressKindInput } from "@/lib/validations/progress";
import { collectForMerge, markMergedFor, mergedFor } from "./browser-progress";

async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

export async function saveMark(lessonKey: string, kind: ProgressKindInput, key: string, done: boolean): Promise<void> {
  if (!(await clientSession())) return;
  const [course, lesson] = lessonKey.split("/");
  await postJson("/api/progress", { course, lesson, kind, key, done }).catch(() => undefined);
}

/**
 * Sends this browser's anonymous progress to the account once per user (the server ignores anything it has,
 * so a second send is harmless). Called right after sign-in and on any page load that finds a session.
 */
export async function mergeBrowserProgress(userId: string): Promise<boolean> {
  if (mergedFor() === userId) return false;
  const response = await postJson("/api/progress/merge", collectForMerge()).catch(() => null);
  if (!response?.ok) return false;
  markMergedFor(userId);
  return true;
}

export async function loadAccountMarks(lessonKey: string): Promise<{ sectionsRead: string[]; checklist: string[] } | null> {
  if (!(await clientSession())) return null;
  const [course, lesson] = lessonKey.split("/");
  const response = await fetch(`/api/progress?course=${encodeURIComponent(course ?? "")}&lesson=${encodeURIComponent(lesson ?? "")}`, { cache: "no-store" }).catch(() => null);
  if (!response?.ok) return null;
  return (await response.json()) as { sectionsRead: string[]; checklist: string[] };
}
