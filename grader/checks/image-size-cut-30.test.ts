import { describe, expect, it } from "vitest";
import { exerciseSpecSchema, type ExerciseSpecInput } from "@/grader/contract/exercise-spec";
import { pickRoute } from "./image-size-cut-30";

const routes = [
  { route: "Go", whenFile: "go.mod", dockerfile: "FROM golang:1.22\n" },
  { route: "Flask", whenFile: "requirements.txt", dockerfile: "FROM python:3.11-slim\n" },
];

describe("the route a mini-challenge submission is measured on", () => {
  it("is the first whose manifest the files hold", () => {
    expect(pickRoute(routes, { "go.mod": "", "main.go": "", Dockerfile: "" })?.route).toBe("Go");
    expect(pickRoute(routes, { "requirements.txt": "", "go.mod": "" })?.route).toBe("Go");
    expect(pickRoute(routes, { "requirements.txt": "", "app.py": "" })?.route).toBe("Flask");
  });

  it("is none when no manifest matches, even for an inherited property name", () => {
    expect(pickRoute(routes, { "server.js": "" })).toBeUndefined();
    expect(pickRoute([{ route: "odd", whenFile: "toString", dockerfile: "FROM scratch\n" }], {})).toBeUndefined();
  });
});

describe("an exercise listing image-size-cut-30", () => {
  const spec: ExerciseSpecInput = {
    slug: "lean",
    title: "t",
    summary: "s",
    task: "t",
    checklist: ["c"],
    app: { port: 8080 },
    probe: { expect: { status: 200 } },
    checks: [{ id: "image-size-cut-30", required: true, hint: "h" }],
  };

  it("must name the single-stage baseline of each route", () => {
    const missing = exerciseSpecSchema.safeParse(spec);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join("."))).toContain("sizeBaselines");
    expect(exerciseSpecSchema.safeParse({ ...spec, sizeBaselines: routes }).success).toBe(true);
  });
});
