import "server-only";
// "Works on my machine" explained up front: the engine, base images and limits of the grader that will build the
// learner's Dockerfile, as its /healthz reports them, so the page cannot drift from what the grader enforces. And
// whether this exercise can be graded now: the base images its starter and solution name, and how far the grader
// is with each one it is still making (a fresh install builds them in the background on its first start).
import type { DbContext } from "@/server/context";
import { baseImagesOf, fileMapSchema, sameImage, type BaseImageStatus, type GraderEnvironment, type GraderHealth } from "@/grader/contract";
import { formatBytes, narrowUploadLimits, type UploadLimits } from "@/grader/contract/file-map-policy";
import type { GradingEnvironment, GradingReadiness } from "@/lib/grading/grading-environment";
import { graderEndpoint } from "@/server/grader-link/grader-endpoint";
import { graderHealth } from "@/server/grader-link/grader-client";

export type { GradingEnvironment } from "@/lib/grading/grading-environment";

const reported = globalThis as unknown as { __shipshapeGraderUploadLimits?: UploadLimits };

/**
 * The upload limits the web enforces now (the submission and draft schemas read them at each parse): the shared
 * default, narrowed to the limits the grader last reported to this process. Every exercise page reads /healthz,
 * so a learner about to grade has had them read; until then, and while the grader is silent, the default holds
 * (and the grader, the final judge, refuses with its own reason). Kept on globalThis like the grading service, so
 * a dev-mode module reload does not forget them.
 */
export function uploadLimitsInForce(): UploadLimits {
  return narrowUploadLimits(reported.__shipshapeGraderUploadLimits ?? null);
}

const uploadLine = (l: UploadLimits) => `Upload: at most ${l.uploadMaxFiles} files and ${formatBytes(l.uploadMaxBytes)} of text.`;

const seconds = (ms: number) => (ms % 60_000 === 0 && ms >= 120_000 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`);
const cpus = (n: number) => `${n} CPU${n === 1 ? "" : "s"}`;
const about = (s: number) => (s < 90 ? `about ${Math.max(5, Math.ceil(s / 5) * 5)} s` : `about ${Math.round(s / 60)} min`);

export function describeLimits(env: GraderEnvironment): string[] {
  const l = env.limits;
  return [
    env.buildNetwork === "none"
      ? "No network during the build or the run: RUN pip install / npm install must use what the base image has; ADD <url> is refused."
      : "The build may use the network; the running app has none.",
    "Classic builder (no BuildKit): no RUN --mount and no heredocs.",
    `Build: ${seconds(l.buildTimeoutMs)}, ${formatBytes(l.buildMemoryBytes)} memory, ${cpus(l.buildCpus)}. ` +
      `Run: ${formatBytes(l.runMemoryBytes)}, ${cpus(l.runCpus)}, ${l.runPids} processes, all capabilities dropped; ` +
      `${seconds(l.readyTimeoutMs)} to become ready; ${seconds(l.gradingTimeoutMs)} for the whole grading.`,
    uploadLine(narrowUploadLimits(l)),
  ];
}

/** The states of the images an exercise names, in the grader's words; an image the lessons do not use is left out. */
export function neededImages(images: readonly string[], statuses: readonly BaseImageStatus[]): BaseImageStatus[] {
  return statuses.filter((status) => images.some((image) => sameImage(image, status.name)));
}

export function describeReadiness(needs: readonly BaseImageStatus[], provisioning: GraderEnvironment["baseImageProvisioning"]): GradingReadiness {
  const failed = needs.filter((n) => n.state === "failed" || n.state === "missing");
  if (failed.length) {
    const why = failed.map((n) => (n.state === "failed" ? `${n.name} could not be made (${n.error ?? "see the grader's log"})` : `${n.name} is not on the grader`));
    const fix = provisioning === "off" ? "an operator runs npm run grader:images" : "an operator fixes it and restarts the grader";
    return { state: "blocked", message: `Grading cannot start: ${why.join("; ")}. It works again once ${fix}; attempts made meanwhile are not counted.` };
  }
  const making = needs.filter((n) => n.state !== "ready");
  if (!making.length) return { state: "ready", message: "Ready to grade: every base image this exercise needs is on the grader." };
  const eta = making.reduce<number | null>((sum, n) => {
    const left = n.progress?.etaSeconds ?? null;
    return sum === null || left === null ? null : sum + left;
  }, 0);
  const when = eta === null || making.some((n) => n.state === "queued") ? "in a few minutes" : `in ${about(eta)}`;
  return {
    state: "preparing",
    message: `The grader is preparing ${making.map((n) => n.name).join(" and ")} (first start); grading can start ${when}. You can grade now: your attempt waits for the image and is not judged without it.`,
  };
}

async function exerciseImages({ db }: DbContext, exerciseId: string): Promise<string[]> {
  const row = await db.exercise.findUniqueOrThrow({ where: { id: exerciseId }, select: { starter: true, solution: true } });
  return [...new Set([row.starter, row.solution].flatMap((files) => baseImagesOf(fileMapSchema.safeParse(files).data ?? {})))];
}

export async function gradingEnvironment(ctx: DbContext, exerciseId: string): Promise<GradingEnvironment> {
  const [health, images] = await Promise.all([graderHealth(graderEndpoint), exerciseImages(ctx, exerciseId)]);
  return environmentOf(health, images);
}

/**
 * What the page shows for the grader's /healthz answer (null or not ok: it is not answering) and an exercise's FROM
 * images; the upload limits the grader reports are remembered for the API (`uploadLimitsInForce`).
 */
export function environmentOf(health: GraderHealth | null, images: readonly string[]): GradingEnvironment {
  if (!health?.ok) {
    const uploadLimits = uploadLimitsInForce();
    return {
      grader: null,
      needs: [],
      readiness: { state: "unknown", message: "The grader is not answering right now; gradings wait for it and start when it is back." },
      limits: [uploadLine(uploadLimits)],
      uploadLimits,
    };
  }
  reported.__shipshapeGraderUploadLimits = health.limits;
  const needs = neededImages(images, health.baseImages);
  return {
    grader: { engine: health.engine, baseImages: health.baseImages, baseImageProvisioning: health.baseImageProvisioning, offeredImages: health.offeredImages },
    needs,
    readiness: describeReadiness(needs, health.baseImageProvisioning),
    limits: describeLimits(health),
    uploadLimits: uploadLimitsInForce(),
  };
}
