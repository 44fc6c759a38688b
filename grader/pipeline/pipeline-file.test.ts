import { describe, expect, it } from "vitest";
import { expandVariables, resolvePipeline, type PipelineRules } from "./pipeline-file";

const sha = "0123456789abcdef0123456789abcdef01234567";
const rules: PipelineRules = { variables: { COMMIT_SHA: sha, COMMIT_SHORT_SHA: sha.slice(0, 7), REGISTRY: "127.0.0.1:4321" }, maxSteps: 12, maxVariables: 4 };

const reference = `
env:
  VERSION: "1.2.0"
steps:
  - build: app:\${COMMIT_SHA}
  - tag: { from: "app:\${COMMIT_SHA}", to: "\${REGISTRY}/app:\${VERSION}" }
  - tag: { from: "app:\${COMMIT_SHA}", to: "$REGISTRY/app:$COMMIT_SHORT_SHA" }
  - push: \${REGISTRY}/app:\${VERSION}
  - push: \${REGISTRY}/app:\${COMMIT_SHORT_SHA}
`;

const refusal = (source: string) => {
  const plan = resolvePipeline(source, rules);
  if (plan.ok) throw new Error(`expected a refusal, got ${JSON.stringify(plan.actions)}`);
  return plan.message;
};

describe("resolvePipeline", () => {
  it("expands every variable and names every action before anything runs", () => {
    const plan = resolvePipeline(reference, rules);
    expect(plan).toEqual({
      ok: true,
      variables: { ...rules.variables, VERSION: "1.2.0" },
      actions: [
        { kind: "build", step: 1, name: `app:${sha}` },
        { kind: "tag", step: 2, from: `app:${sha}`, to: "127.0.0.1:4321/app:1.2.0" },
        { kind: "tag", step: 3, from: `app:${sha}`, to: "127.0.0.1:4321/app:0123456" },
        { kind: "push", step: 4, ref: "127.0.0.1:4321/app:1.2.0" },
        { kind: "push", step: 5, ref: "127.0.0.1:4321/app:0123456" },
      ],
    });
  });

  it("refuses a push anywhere but the grading's registry, naming where it would go", () => {
    const base = "steps:\n  - build: app:1\n";
    expect(refusal(`${base}  - push: app:1\n`)).toMatch(/Step 2: push app:1 would go to Docker Hub/);
    expect(refusal(`${base}  - tag: { from: app:1, to: "registry.example.com/app:1" }\n  - push: registry.example.com/app:1\n`)).toMatch(/would go to registry\.example\.com/);
    // Same address, another port: another service on the engine's loopback.
    expect(refusal(`${base}  - tag: { from: app:1, to: "127.0.0.1:4322/app:1" }\n  - push: 127.0.0.1:4322/app:1\n`)).toMatch(/would go to 127\.0\.0\.1:4322/);
    expect(refusal(`${base}  - tag: { from: app:1, to: "localhost:4321/app:1" }\n  - push: localhost:4321/app:1\n`)).toMatch(/would go to localhost:4321/);
  });

  it("refuses variable tricks: redefining the grader's, operators, commands, nesting, unknown names", () => {
    expect(refusal('env: { REGISTRY: "evil.example:80" }\nsteps:\n  - build: app:1\n')).toMatch(/REGISTRY is given by the grader/);
    expect(refusal('env: { HOST: "${REGISTRY}" }\nsteps:\n  - build: app:1\n')).toMatch(/must be plain text/);
    expect(refusal("steps:\n  - build: app:${REGISTRY:-evil.example}\n")).toMatch(/only \$NAME and \$\{NAME\}/);
    expect(refusal("steps:\n  - build: app:$(hostname)\n")).toMatch(/only \$NAME/);
    expect(refusal("steps:\n  - build: app:${${X}}\n")).toMatch(/only \$NAME/);
    expect(refusal("steps:\n  - build: app:${NOPE}\n")).toMatch(/\$\{NOPE\}, which is not defined/);
  });

  it("refuses what it cannot place: unknown step kinds and keys, tags of images it did not build, digests, bad names", () => {
    expect(refusal("steps:\n  - run: docker push evil.example/app\n")).toMatch(/Step 1: each step is one of/);
    expect(refusal("steps:\n  - build: app:1\n    context: /\n")).toMatch(/Step 1: each step is one of/);
    expect(refusal("steps:\n  - build: app:1\n  - tag: { from: python:3.11-slim, to: x:1 }\n")).toMatch(/which no earlier step built or tagged/);
    expect(refusal("steps:\n  - build: app:1\n  - push: ${REGISTRY}/app:2\n")).toMatch(/push 127\.0\.0\.1:4321\/app:2, which no earlier step/);
    expect(refusal(`steps:\n  - build: app@sha256:${"a".repeat(64)}\n`)).toMatch(/names a digest/);
    expect(refusal("steps:\n  - build: App:1\n")).toMatch(/not a valid image name/);
    expect(refusal("steps:\n  - tag: { from: a:1, to: b:1 }\n")).toMatch(/which no earlier step built/);
    expect(refusal("script: docker push\n")).toMatch(/needs `steps:`/);
    expect(refusal("steps: [\n")).toMatch(/not valid YAML/);
  });

  it("bounds the file: steps, variables, aliases", () => {
    const many = `steps:\n${"  - build: app:1\n".repeat(13)}`;
    expect(refusal(many)).toMatch(/13 steps; at most 12/);
    expect(refusal(`env: { A: "1", B: "2", C: "3", D: "4", E: "5" }\nsteps:\n  - build: app:1\n`)).toMatch(/5 variables; at most 4/);
    // A billion laughs would expand aliases into an enormous step list: no alias is expanded at all.
    expect(refusal("steps:\n  - &b { build: app:1 }\n  - *b\n")).toMatch(/could not be read: Alias resolution is disabled/);
  });
});

describe("expandVariables", () => {
  it("expands $NAME and ${NAME} and nothing else", () => {
    expect(expandVariables("a-$X-${Y}", { X: "1", Y: "2" })).toEqual({ ok: true, text: "a-1-2" });
    expect(expandVariables("$", {}).ok).toBe(false);
    expect(expandVariables("$$", {}).ok).toBe(false);
  });
});
