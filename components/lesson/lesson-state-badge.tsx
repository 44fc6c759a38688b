export type LessonStateName = "published" | "outline";

/** Outline lessons say so wherever they are listed; written lessons need no badge. */
export function LessonStateBadge({ state }: { state: LessonStateName }) {
  if (state === "published") return null;
  return (
    <span className="inline-flex items-center rounded-full border border-amber-300 bg-amber-50 px-2.5 py-0.5 text-xs font-semibold text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
      Outline — being written
    </span>
  );
}
