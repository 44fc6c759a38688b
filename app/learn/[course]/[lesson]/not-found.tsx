import Link from "next/link";

export default function LessonNotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-3xl font-bold tracking-tight">Lesson not found</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        There is no published lesson at this address. It may have been renamed, or it is still a draft.
      </p>
      <p className="mt-6">
        <Link href="/" className="font-medium text-brand-700 underline underline-offset-4 dark:text-brand-300">
          Browse the courses
        </Link>
      </p>
    </div>
  );
}
