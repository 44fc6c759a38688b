import { expect, it } from "vitest";
import { describeLimits } from "./grading-environment";

const environment = {
  engine: "20.10.24",
  baseImages: [],
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
