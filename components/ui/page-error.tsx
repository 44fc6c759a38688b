"use client";
// What a reader sees when a page failed on our side: no details (they stay in the server log), a way to retry.
export function PageError({ what, retry }: { what: string; retry: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-3xl font-bold tracking-tight">This {what} could not be loaded</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">Something went wrong on our side. Try again in a moment.</p>
      <button
        type="button"
        onClick={retry}
        className="mt-6 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </div>
  );
}
