// The grading environment, shown beside the task so a difference from the learner's own machine is expected.
import type { GraderEnvironment } from "@/grader/contract";

export interface GradingEnvironmentNoteProps {
  /** What the grader reported; null while it is not answering. */
  grader: Pick<GraderEnvironment, "engine" | "baseImages"> | null;
  limits: string[];
}

export function GradingEnvironmentNote({ grader, limits }: GradingEnvironmentNoteProps) {
  const standIns = grader?.baseImages.some((image) => image.standIn) ?? false;
  return (
    <aside aria-labelledby="environment-heading" className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm dark:border-slate-700 dark:bg-slate-900">
      <h2 id="environment-heading" className="mb-2 font-semibold">
        Where your Dockerfile is graded
      </h2>
      {grader ? (
        <>
          <p>Docker Engine {grader.engine}</p>
          <p className="mt-1" data-testid="base-images">
            {grader.baseImages.length === 0 ? (
              "No base images are installed on the grader yet; builds fail at FROM until an operator runs npm run grader:images."
            ) : (
              <>
                Base images on the grader{standIns && " (* offline stand-ins with the usual names)"}:{" "}
                {grader.baseImages.map((image, i) => (
                  <span key={image.name}>
                    {i > 0 && ", "}
                    <code className="rounded bg-slate-200 px-1 dark:bg-slate-800">{image.name}</code>
                    {image.standIn && "*"}
                  </span>
                ))}
                . Nothing is pulled from a registry while grading.
              </>
            )}
          </p>
        </>
      ) : (
        <p className="text-amber-700 dark:text-amber-400">The grader is not answering right now; gradings wait for it and start when it is back.</p>
      )}
      <ul className="mt-2 list-disc pl-5">
        {limits.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </aside>
  );
}
