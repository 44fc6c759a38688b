"use client";
// One item of a lesson checklist. Without JavaScript it is a plain checkbox; with it, ticks persist per lesson
// in this browser (see checklist-store) and, for a signed-in reader, in their account.
import { useMemo, useSyncExternalStore, type ReactNode } from "react";
import { saveMark } from "@/components/progress/account-sync";
import { parseTicks, readStoredTicks, setTick, subscribeToTicks } from "./checklist-store";

export interface ChecklistItemProps {
  /** "<courseSlug>/<lessonSlug>" */
  lessonKey: string;
  /** Stable id from the lesson's section and the item's words. */
  itemId: string;
  children: ReactNode;
}

export function ChecklistItem({ lessonKey, itemId, children }: ChecklistItemProps) {
  const stored = useSyncExternalStore(
    subscribeToTicks,
    () => readStoredTicks(lessonKey),
    () => null,
  );
  const ticked = useMemo(() => parseTicks(stored).has(itemId), [stored, itemId]);
  const inputId = `check-${itemId}`;
  return (
    <li className="checklist-item" data-item-id={itemId}>
      <input
        id={inputId}
        type="checkbox"
        checked={ticked}
        onChange={(event) => {
          setTick(lessonKey, itemId, event.target.checked);
          void saveMark(lessonKey, "checklist-item", itemId, event.target.checked);
        }}
        className="checklist-box"
      />
      <label htmlFor={inputId}>{children}</label>
    </li>
  );
}
