export interface OutlineSection {
  title: string;
  points: string[];
}

/** The planned sections of a lesson that is not written yet, clearly marked as a plan. */
export function OutlinePlan({ sections }: { sections: OutlineSection[] }) {
  return (
    <section aria-labelledby="planned-sections" className="mt-10">
      <h2 id="planned-sections" className="text-2xl font-bold tracking-tight">
        Planned sections
      </h2>
      <p className="mt-2 text-slate-700 dark:text-slate-300">This lesson is an outline: these sections are being written.</p>
      <ol className="mt-6 space-y-4">
        {sections.map((section, i) => (
          <li key={section.title} className="rounded-xl border border-dashed border-slate-300 p-5 dark:border-slate-700">
            <h3 className="font-semibold">
              <span className="mr-2 text-slate-600 dark:text-slate-400">{i + 1}.</span>
              {section.title}
            </h3>
            <ul className="mt-2 list-disc space-y-1 pl-6 text-slate-700 dark:text-slate-300">
              {section.points.map((point) => (
                <li key={point}>{point}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
