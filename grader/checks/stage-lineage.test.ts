import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./dockerfile-model";
import { isTestArtifact } from "./layer-patterns";
import { stageOfStep, stagesBehind } from "./stage-lineage";

const model = (source: string) => {
  const m = parseDockerfile(source);
  if (!m) throw new Error("no FROM");
  return m;
};

const sideStage = model(`ARG PY=python:3.11-slim
FROM \${PY} AS build
RUN pip install flask
FROM build AS test
COPY tests/ tests/
RUN python -m unittest
FROM python:3.11-slim AS docs
FROM python:3.11-slim
COPY --from=build /venv /venv
`);

describe("stagesBehind", () => {
  it("follows FROM <stage> and COPY --from, and leaves out stages nothing builds on", () => {
    expect([...stagesBehind(sideStage, sideStage.finalStage)].sort()).toEqual([0, 3]);
    expect([...stagesBehind(sideStage, sideStage.stages[1]!)].sort()).toEqual([0, 1]);
  });
});

describe("stageOfStep", () => {
  it("numbers steps as the classic builder does: every instruction, FROM and the global ARG included", () => {
    // Step 1 is the ARG before the first FROM; 2 FROM build; 3 RUN; 4 FROM test; 5 COPY; 6 RUN; 7 FROM docs; 8 FROM; 9 COPY.
    const total = 9;
    expect(stageOfStep(sideStage, { index: 1, total })).toBeUndefined();
    expect(stageOfStep(sideStage, { index: 3, total })?.name).toBe("build");
    expect(stageOfStep(sideStage, { index: 6, total })?.name).toBe("test");
    expect(stageOfStep(sideStage, { index: 7, total })?.name).toBe("docs");
    expect(stageOfStep(sideStage, { index: 9, total })?.index).toBe(3);
  });
});

describe("isTestArtifact", () => {
  it.each([
    ["app/tests/test_app.py", true],
    ["app/test_app.py", true],
    ["src/handler_test.go", true],
    ["app/conftest.py", true],
    ["app/__tests__/a.js", true],
    ["srv/server.spec.ts", true],
    ["venv/lib/python3.11/site-packages/pytest/__init__.py", true],
    ["venv/lib/python3.11/site-packages/_pytest/main.py", true],
    ["venv/lib/python3.11/site-packages/pytest-8.0.0.dist-info/METADATA", true],
    ["venv/bin/pytest", true],
    ["app/node_modules/jest/package.json", true],
  ])("%s is a test or a test tool", (path, expected) => expect(isTestArtifact(path)).toBe(expected));

  it.each([
    ["app/app.py", false],
    // A package's own tests and test helpers are the package's, not the learner's suite.
    ["venv/lib/python3.11/site-packages/werkzeug/test.py", false],
    ["venv/lib/python3.11/site-packages/numpy/tests/test_core.py", false],
    ["app/node_modules/express/test/app.js", false],
    ["app/latest.txt", false],
  ])("%s is not", (path, expected) => expect(isTestArtifact(path)).toBe(expected));
});
