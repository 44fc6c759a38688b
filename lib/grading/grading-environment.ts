// What the exercise page shows of the grader that will build the learner's Dockerfile: built on the server from the
// grader's /healthz (server/exercises/grading-environment.ts), shown by the page's note and handed to the workspace,
// whose upload and editor checks take their limits from it.
import type { BaseImageStatus, GraderEnvironment } from "@/grader/contract";
import type { UploadLimits } from "@/grader/contract/file-map-policy";

export type { BaseImageStatus } from "@/grader/contract";

export interface GradingReadiness {
  /** ready: every image it needs is on the grader; preparing: the grader is making some; blocked: one failed or nobody makes it. */
  state: "ready" | "preparing" | "blocked" | "unknown";
  message: string;
}

export interface GradingEnvironment {
  /** What the grader reported; null while it is not answering (gradings then wait for it). */
  grader: Pick<GraderEnvironment, "engine" | "baseImages" | "baseImageProvisioning" | "offeredImages"> | null;
  /** The lesson base images this exercise needs, with their state on the grader. */
  needs: BaseImageStatus[];
  readiness: GradingReadiness;
  /** The limits in words, as a learner reads them. */
  limits: string[];
  /** What the web accepts now: the shared default, narrowed to the grader's reported limits when known. */
  uploadLimits: UploadLimits;
}
