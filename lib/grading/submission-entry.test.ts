// What a submission must hold at its top: a Dockerfile for a Dockerfile exercise, or a Compose project's file.
import { describe, expect, it } from "vitest";
import { defaultUploadLimits } from "./file-rules";
import { submissionFilesSchema } from "./file-schemas";

const parse = (files: Record<string, string>) => submissionFilesSchema(() => defaultUploadLimits).safeParse(files);

describe("a submission's entry file", () => {
  it("takes a Dockerfile or a compose.yaml at the top", () => {
    expect(parse({ Dockerfile: "FROM busybox\n" }).success).toBe(true);
    expect(parse({ "compose.yaml": "services: {}\n", "api/Dockerfile": "FROM busybox\n" }).success).toBe(true);
  });

  it("refuses one with neither at the top, saying what to add", () => {
    const parsed = parse({ "api/Dockerfile": "FROM busybox\n", "api/compose.yaml": "services: {}\n" });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(["Add a Dockerfile (or, for a Compose project, compose.yaml) at the top of the project."]);
  });
});
