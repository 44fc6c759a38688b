// Sends progress to the account when someone is signed in; the browser copy is written either way.
import { clientSession } from "@/components/account/client-session";
import type { LessonMarks } from "@/lib/api/answers";
import { webApi } from "@/lib/api/web-api";
import type { ProgressKindInput } from "@/lib/validations/progress";
import { collectForMerge, markMergedFor, mergedFor } from "./browser-progress";

export async function saveMark(lessonKey: string, kind: ProgressKindInput, key: string, done: boolean): Promise<void> {
  if (!(await clientSession())) return;
  const [course = "", lesson = ""] = lessonKey.split("/");
  // The browser copy is already written: a mark the server missed is sent again with the next merge.
  await webApi.setMark({ course, lesson, kind, key, done }).catch(() => undefined);
}

/**
 * Sends this browser's anonymous progress to the account once per user (the server ignores anything it has,
 * so a second send is harmless). Called right after sign-in and on any page load that finds a session.
 */
export async function mergeBrowserProgress(userId: string): Promise<boolean> {
  if (mergedFor() === userId) return false;
  const merged = await webApi.mergeProgress(collectForMerge()).catch(() => null);
  if (!merged) return false;
  markMergedFor(userId);
  return true;
}

export async function loadAccountMarks(lessonKey: string): Promise<LessonMarks | null> {
  if (!(await clientSession())) return null;
  const [course = "", lesson = ""] = lessonKey.split("/");
  return webApi.lessonMarks(course, lesson).catch(() => null);
}
