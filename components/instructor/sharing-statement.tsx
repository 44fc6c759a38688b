// What a learner shares with a cohort's instructor, word for word as they agree to it (server/cohorts/sharing.ts).
export interface SharingStatementProps {
  instructor: string;
  items: readonly string[];
  scope: string;
  leaving: string;
}

export function SharingStatement({ instructor, items, scope, leaving }: SharingStatementProps) {
  return (
    <section aria-labelledby="shared-heading" data-testid="sharing-statement" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="shared-heading" className="font-semibold">
        What {instructor} will see
      </h2>
      <ul className="mt-2 list-disc pl-5 text-sm">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p className="mt-2 text-sm">{scope}</p>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{leaving}</p>
    </section>
  );
}
