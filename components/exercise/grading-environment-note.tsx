// The grading environment, shown beside the task so a difference from the learner's own machine is expected, and
// whether this exercise can be graded yet: on a fresh install the grader builds the base images in the background.
import type { BaseImageStatus, GradingEnvironment } from "@/lib/grading/grading-environment";
import { RefreshWhilePreparing } from "./refresh-while-preparing";

const readinessTone = {
  ready: "text-emerald-800 dark:text-emerald-300",
  preparing: "text-amber-800 dark:text-amber-300",
  blocked: "text-red-800 dark:text-red-300",
  unknown: "text-amber-800 dark:text-amber-300",
} as const;

function imageState(image: BaseImageStatus): string {
  if (image.state === "ready") return image.standIn ? "ready (offline stand-in)" : "ready";
  if (image.state === "queued") return "queued: the grader makes one image at a time";
  if (image.state === "failed") return `failed: ${image.error ?? "see the grader's log"}`;
  if (image.state === "missing") return "missing: nobody is making it";
  const p = image.progress;
  if (!p) return "being prepared";
  const eta = p.etaSeconds === null ? "" : `, about ${p.etaSeconds < 90 ? `${p.etaSeconds} s` : `${Math.round(p.etaSeconds / 60)} min`} left`;
  return `being prepared: step ${p.step} of ${p.steps} (${p.label}), ${p.percent}%${eta}`;
}

function ImageNames({ names }: { names: { name: string; mark?: string }[] }) {
  return names.map(({ name, mark }, i) => (
    <span key={name}>
      {i > 0 && ", "}
      <code className="rounded bg-slate-200 px-1 dark:bg-slate-800">{name}</code>
      {mark}
    </span>
  ));
}

export function GradingEnvironmentNote({ grader, needs, readiness, limits }: GradingEnvironment) {
  const ready = grader?.baseImages.filter((image) => image.state === "ready") ?? [];
  const standIns = ready.some((image) => image.standIn);
  return (
    <aside aria-labelledby="environment-heading" className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm dark:border-slate-700 dark:bg-slate-900">
      <h2 id="environment-heading" className="mb-2 font-semibold">
        Where your Dockerfile is graded
      </h2>
      <p role="status" data-testid="grading-readiness" data-state={readiness.state} className={`mb-2 font-medium ${readinessTone[readiness.state]}`}>
        {readiness.message}
      </p>
      {readiness.state === "preparing" && <RefreshWhilePreparing />}
      {grader && (
        <>
          {needs.length > 0 && (
            <>
              <p>This exercise needs:</p>
              <ul data-testid="needed-images" className="mb-2 list-disc pl-5">
                {needs.map((image) => (
                  <li key={image.name} data-image={image.name} data-state={image.state}>
                    <code className="rounded bg-slate-200 px-1 dark:bg-slate-800">{image.name}</code> — {imageState(image)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>Docker Engine {grader.engine}</p>
          <p className="mt-1" data-testid="base-images">
            {ready.length === 0 ? (
              "No base images are on the grader yet."
            ) : (
              <>
                Base images on the grader{standIns && " (* offline stand-ins with the usual names)"}:{" "}
                <ImageNames names={ready.map((image) => (image.standIn ? { name: image.name, mark: "*" } : { name: image.name }))} />
                . Nothing is pulled from a registry while grading.
              </>
            )}
          </p>
          <p className="mt-1" data-testid="offered-images">
            Your Dockerfile may build on (<code>FROM</code>, <code>COPY --from</code>):{" "}
            <ImageNames names={grader.offeredImages.map((name) => ({ name }))} />
            ; any other image is refused before the build.
          </p>
        </>
      )}
      <ul className="mt-2 list-disc pl-5">
        {limits.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </aside>
  );
}
