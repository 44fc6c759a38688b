import Link from "next/link";

export default function CourseNotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-3xl font-bold tracking-tight">Course not found</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">There is no published course at this address.</p>
      <p className="mt-6">
        <Link href="/" className="font-medium text-brand-700 underline underline-offset-4 dark:text-brand-300">
          Browse the courses
        </Link>
      </p>
    </div>
  );
}
