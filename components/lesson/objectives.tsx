export function Objectives({ objectives }: { objectives: string[] }) {
  return (
    <section aria-labelledby="objectives" className="rounded-xl border border-brand-100 bg-brand-50 p-5 sm:p-6 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="objectives" className="text-lg font-semibold">
        What you will be able to do
      </h2>
      <ul className="mt-3 space-y-2">
        {objectives.map((objective) => (
          <li key={objective} className="flex gap-3">
            <svg aria-hidden="true" viewBox="0 0 20 20" width="20" height="20" className="mt-0.5 flex-none text-brand-600 dark:text-brand-300" fill="currentColor">
              <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0z" clipRule="evenodd" />
            </svg>
            <span>{objective}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
