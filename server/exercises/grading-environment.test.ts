import { expect, it } from "vitest";
import type { BaseImageStatus } from "@/grader/contract";
import { describeLimits, describeReadiness, neededImages } from "./grading-environment";

const environment = {
  engine: "20.10.24",
  baseImages: [],
  baseImageProvisioning: "kit" as const,
  offeredImages: ["python:3.11-slim"],
  buildNetwork: "none",
  limits: {
    buildTimeoutMs: 180_000,
    buildMemoryBytes: 1024 ** 3,
    buildCpus: 1,
    runMemoryBytes: 256 * 1024 ** 2,
    runCpus: 0.5,
    runPids: 128,
    readyTimeoutMs: 30_000,
    gradingTimeoutMs: 300_000,
    uploadMaxBytes: 5 * 1024 ** 2,
    uploadMaxFiles: 200,
  },
};

it("words the grader's limits as a learner reads them", () => {
  const [network, builder, limits] = describeLimits(environment);
  expect(network).toMatch(/^No network during the build or the run/);
  expect(builder).toMatch(/no RUN --mount/);
  expect(limits).toBe(
    "Build: 3 min, 1.0 GiB memory, 1 CPU. Run: 256 MiB, 0.5 CPUs, 128 processes, all capabilities dropped; 30 s to become ready; 5 min for the whole grading.",
  );
});

it("says so when an operator lets builds use the network", () => {
  expect(describeLimits({ ...environment, buildNetwork: "bridge" })[0]).toBe("The build may use the network; the running app has none.");
});

const ready = (name: string): BaseImageStatus => ({ name, standIn: true, state: "ready" });
const preparing = (name: string, etaSeconds: number | null): BaseImageStatus => ({
  name,
  standIn: false,
  state: "preparing",
  progress: { step: 2, steps: 6, label: "wheels", percent: 40, etaSeconds },
});

it("picks the images an exercise names from the grader's list, whatever the spelling", () => {
  const statuses = [ready("python:3.11-slim"), ready("python:3.11"), ready("busybox")];
  expect(neededImages(["python:3.11-slim", "docker.io/library/busybox:latest", "alpine:3"], statuses).map((s) => s.name)).toEqual(["python:3.11-slim", "busybox"]);
});

it("says when an exercise can be graded: now, in about n s while an image is made, or not until an operator acts", () => {
  expect(describeReadiness([ready("python:3.11-slim")], "kit")).toMatchObject({ state: "ready" });
  const soon = describeReadiness([ready("python:3.11"), preparing("python:3.11-slim", 42)], "kit");
  expect(soon.state).toBe("preparing");
  expect(soon.message).toContain("preparing python:3.11-slim (first start); grading can start in about 45 s");
  expect(describeReadiness([preparing("python:3.11-slim", 200), { name: "python:3.11", standIn: false, state: "queued" }], "kit").message).toContain("in a few minutes");
  const failed = describeReadiness([{ name: "python:3.11-slim", standIn: false, state: "failed", error: "debootstrap exited with 1" }], "kit");
  expect(failed).toMatchObject({ state: "blocked" });
  expect(failed.message).toContain("python:3.11-slim could not be made (debootstrap exited with 1)");
  expect(describeReadiness([{ name: "busybox", standIn: false, state: "missing" }], "off").message).toContain("npm run grader:images");
});

it("states the upload limits the grader reports, within the web's shared default", () => {
  expect(describeLimits(environment)[3]).toBe("Upload: at most 200 files and 5.0 MiB of text.");
  const lowered = { ...environment, limits: { ...environment.limits, uploadMaxBytes: 1024 * 1024, uploadMaxFiles: 50 } };
  expect(describeLimits(lowered)[3]).toBe("Upload: at most 50 files and 1.0 MiB of text.");
  const raised = { ...environment, limits: { ...environment.limits, uploadMaxBytes: 20 * 1024 * 1024, uploadMaxFiles: 1000 } };
  expect(describeLimits(raised)[3]).toBe("Upload: at most 200 files and 5.0 MiB of text.");
});
