import "server-only";
// "Works on my machine" explained up front: the engine and images the grader builds with, and its limits. The
// engine version comes from the grader's /healthz; it does not list its base images yet, so the page names the
// stand-ins the image kit builds (DESIGN §6) until it does.
import { fileLimits, formatBytes } from "@/lib/grading/file-rules";
import { graderEndpoint } from "./grading-service";
import { graderHealth } from "./grader-client";

export interface GradingEnvironment {
  graderUp: boolean;
  engineVersion: string | null;
  baseImages: string[];
  limits: string[];
}

const standInImages = ["python:3.11-slim", "python:3.11", "node:18-alpine", "golang:1.22", "busybox"];

export async function gradingEnvironment(): Promise<GradingEnvironment> {
  const health = await graderHealth(graderEndpoint);
  const engine = health?.engine;
  const images = Array.isArray(health?.images) ? health.images.filter((i): i is string => typeof i === "string") : null;
  return {
    graderUp: health?.ok === true,
    engineVersion: typeof engine === "string" ? engine : null,
    baseImages: images ?? standInImages,
    limits: [
      "No network during the build or the run: RUN pip install / npm install must use what the base image has; ADD <url> is refused.",
      "Classic builder (no BuildKit): no RUN --mount and no heredocs.",
      "Build: 180 s, 1 GiB memory, 1 CPU. Run: 256 MiB, 1 CPU, 128 processes, all capabilities dropped; 30 s to become ready; 5 min for the whole grading.",
      `Upload: at most ${fileLimits.maxFiles} files and ${formatBytes(fileLimits.maxTotalBytes)} of text.`,
    ],
  };
}
