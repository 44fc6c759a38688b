// The web enforces the upload limits a real grader reports in /healthz, narrowed from the shared default: the page
// states them and hands them to the browser, and the submission API refuses past them with the grader's own words.
import { afterAll, beforeAll, expect, it } from "vitest";
import { defaultUploadLimits, type GraderHealth } from "@/grader/contract";
import type { Grader } from "@/grader/grading/grader";
import { requireEngine } from "@/grader/test-support/test-base-image";
import { startTestGrader } from "@/grader/test-support/test-grader";
import { checkFileMap } from "@/grader/upload/file-map-policy";
import { environmentOf, uploadLimitsInForce } from "@/server/exercises/grading-environment";
import { submitBodySchema } from "@/server/grading/use-cases";

let grader: Grader;
let health: GraderHealth;
const lowered = { uploadMaxBytes: 2048, uploadMaxFiles: 2 };

beforeAll(async () => {
  await requireEngine();
  // An operator lowered this grader's upload limits below the shared default.
  grader = await startTestGrader("seamuploadlimits", lowered);
  health = await grader.health();
  expect(health.ok).toBe(true);
});

afterAll(async () => {
  await grader?.close(0);
});

const threeFiles = { Dockerfile: "FROM busybox\n", "a.txt": "a", "b.txt": "b" };

it("states the grader's lower limits, hands them to the browser and refuses past them as the grader does", () => {
  const environment = environmentOf(health, []);
  expect(environment.uploadLimits).toEqual(lowered);
  expect(environment.limits.at(-1)).toBe("Upload: at most 2 files and 2.0 KiB of text.");
  expect(uploadLimitsInForce()).toEqual(lowered);

  const refused = submitBodySchema.safeParse({ files: threeFiles });
  expect(refused.error?.issues[0]?.message).toBe("The project has 3 files, more than the 2 a grading accepts.");
  // The grader's own door, with the limits it grades with.
  expect(() => checkFileMap(threeFiles, grader.config.limits)).toThrow("The project has 3 files, more than the 2 a grading accepts.");
  expect(submitBodySchema.safeParse({ files: { Dockerfile: "FROM busybox\n", "a.txt": "a" } }).success).toBe(true);
});

it("keeps the last reported limits while the grader is silent", () => {
  environmentOf(health, []);
  const silent = environmentOf(null, []);
  expect(silent.readiness.state).toBe("unknown");
  expect(silent.uploadLimits).toEqual(lowered);
  expect(silent.limits).toEqual(["Upload: at most 2 files and 2.0 KiB of text."]);
});

it("never goes past the shared default, whatever a grader allows", () => {
  if (!health.ok) throw new Error("the grader must answer");
  const raised = { ...health, limits: { ...health.limits, uploadMaxBytes: 20 * 1024 * 1024, uploadMaxFiles: 1000 } };
  expect(environmentOf(raised, []).uploadLimits).toEqual(defaultUploadLimits);
  expect(uploadLimitsInForce()).toEqual(defaultUploadLimits);
});
