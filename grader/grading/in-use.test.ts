import { expect, it } from "vitest";
import { InUse } from "./in-use";

it("knows the layers running builds stand on, by short or full id, until their holder lets go", () => {
  const inUse = new InUse();
  expect(inUse.holdsAnyLayer(["sha256:0123456789abcdef"])).toBe(false);
  inUse.holdLayer("grading-1", "0123456789ab");
  expect(inUse.holdsAnyLayer(["sha256:ffff", "sha256:0123456789abcdef00"])).toBe(true);
  expect(inUse.holdsAnyLayer(["0123456789ab"])).toBe(true);
  expect(inUse.holdsAnyLayer(["sha256:aaaaaaaaaaaa"])).toBe(false);
  inUse.releaseLayers("grading-1");
  expect(inUse.holdsAnyLayer(["0123456789ab"])).toBe(false);
});

it("holds a grading's engine objects by their label: its id, or its id with a suffix, never a longer id", () => {
  const inUse = new InUse();
  inUse.hold("grader-0a1b2c");
  expect(inUse.holdsGrading("grader-0a1b2c")).toBe(true);
  expect(inUse.holdsGrading("grader-0a1b2c-registry")).toBe(true);
  expect(inUse.holdsGrading("grader-0a1b2cff")).toBe(false);
  expect(inUse.holdsGrading("grader-9f8e7d")).toBe(false);
  inUse.release("grader-0a1b2c");
  expect(inUse.holdsGrading("grader-0a1b2c")).toBe(false);
});
