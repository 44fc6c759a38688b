// The grading environment, shown beside the task so a difference from the learner's own machine is expected.
export interface GradingEnvironmentNoteProps {
  graderUp: boolean;
  engineVersion: string | null;
  baseImages: string[];
  limits: string[];
}

export function GradingEnvironmentNote({ graderUp, engineVersion, baseImages, limits }: GradingEnvironmentNoteProps) {
  return (
    <aside aria-labelledby="environment-heading" className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm dark:border-slate-700 dark:bg-slate-900">
      <h2 id="environment-heading" className="mb-2 font-semibold">
        Where your Dockerfile is graded
      </h2>
      <p>
        Docker Engine {engineVersion ?? "20.10"}
        {!graderUp && <span className="ml-1 text-amber-700 dark:text-amber-400">(the grader is not answering right now; gradings wait for it)</span>}
      </p>
      <p className="mt-1">
        Base images available (offline stand-ins with the usual names):{" "}
        {baseImages.map((image, i) => (
          <span key={image}>
            {i > 0 && ", "}
            <code className="rounded bg-slate-200 px-1 dark:bg-slate-800">{image}</code>
          </span>
        ))}
        . Nothing is pulled from a registry.
      </p>
      <ul className="mt-2 list-disc pl-5">
        {limits.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </aside>
  );
}
