// Checklist ticks live in the browser under one key per lesson, so a reader keeps them without an account.
// Every checklist item on the page reads the same stored string through useSyncExternalStore; writes notify
// the items in this tab, and the `storage` event brings in ticks made in another tab.
import { isStringList } from "@/components/progress/browser-progress";

const listeners = new Set<() => void>();

export function checklistStorageKey(lessonKey: string): string {
  return `shipshape:checklist:${lessonKey}`;
}

export function subscribeToTicks(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** The raw stored value: a string compares by value, which keeps useSyncExternalStore from re-rendering needlessly. */
export function readStoredTicks(lessonKey: string): string | null {
  try {
    return window.localStorage.getItem(checklistStorageKey(lessonKey));
  } catch {
    return null; // storage disabled by the browser: ticks simply are not kept
  }
}

export function parseTicks(stored: string | null): Set<string> {
  if (!stored) return new Set();
  try {
    const parsed: unknown = JSON.parse(stored);
    return new Set(isStringList(parsed) ? parsed : []);
  } catch {
    return new Set();
  }
}

export function setTick(lessonKey: string, itemId: string, ticked: boolean): void {
  const ticks = parseTicks(readStoredTicks(lessonKey));
  if (ticked) ticks.add(itemId);
  else ticks.delete(itemId);
  try {
    window.localStorage.setItem(checklistStorageKey(lessonKey), JSON.stringify([...ticks]));
  } catch {
    return;
  }
  for (const listener of listeners) listener();
}
