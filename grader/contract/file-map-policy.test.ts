import { describe, expect, it } from "vitest";
import { defaultUploadLimits, fileMapProblems, formatBytes, narrowUploadLimits, pathProblem } from "./file-map-policy";

describe("pathProblem", () => {
  it.each([
    ["", /needs a name/],
    ["a".repeat(256), /longer than 255 characters/],
    ["bad\u0000name", /control character/],
    ["line\nbreak", /control character/],
    ["esc\u001b[31m", /control character/],
    ["del\u007f", /control character/],
    ["src\\app.py", /backslash/],
    ["/etc/passwd", /is absolute/],
    ["../../etc/passwd", /climbs outside the project folder/],
    ["src/../../x", /climbs outside the project folder/],
    ["src//app.py", /empty folder name/],
    ["./Dockerfile", /empty folder name/],
    ["src/", /empty folder name/],
  ])("refuses %j", (path, reason) => {
    expect(pathProblem(path)).toMatch(reason);
  });

  it("accepts plain relative paths, dots inside names included", () => {
    for (const path of ["Dockerfile", ".dockerignore", "src/app.py", "a/b/c/d.txt", "..hidden", "v1.2/x", "a".repeat(255)]) expect(pathProblem(path)).toBeNull();
  });

  it("quotes a path as JSON, so a control character cannot forge a line of the message", () => {
    expect(pathProblem("a\nb")).toBe('"a\\nb" contains a control character.');
  });
});

describe("fileMapProblems", () => {
  const limits = { uploadMaxBytes: 100, uploadMaxFiles: 3 };

  it("passes a small, clean project", () => {
    expect(fileMapProblems({ Dockerfile: "FROM busybox\n", "src/app.py": "print(1)\n" }, limits)).toEqual([]);
  });

  it("stops at the count with the limits it was given, reading nothing else", () => {
    const files = { a: "", b: "", c: "", "../d": "" };
    expect(fileMapProblems(files, limits)).toEqual([{ kind: "tooLarge", message: "The project has 4 files, more than the 3 a grading accepts." }]);
    expect(fileMapProblems(files, { ...limits, uploadMaxFiles: 4 })).toEqual([{ kind: "invalid", message: expect.stringMatching(/climbs outside/) as string }]);
  });

  it("counts UTF-8 bytes against the size limit", () => {
    expect(fileMapProblems({ a: "é".repeat(50) }, limits)).toEqual([]);
    expect(fileMapProblems({ a: "é".repeat(51) }, limits)).toEqual([{ kind: "tooLarge", message: "The files take 102 B, more than the 100 B a grading accepts." }]);
  });

  it("names a file that is also a folder once, and unstorable text with its line", () => {
    const problems = fileMapProblems({ src: "x", "src/a": "", "src/b": "", Dockerfile: "FROM x\n\u0000" }, { ...limits, uploadMaxFiles: 10 });
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^"Dockerfile" contains a NUL byte on line 2/), '"src" is both a file and a folder.']);
    expect(problems.every((p) => p.kind === "invalid")).toBe(true);
  });

  it("reads names as data, not as keys of an object's prototype", () => {
    expect(fileMapProblems({ "constructor/x": "", "toString/y": "" }, limits)).toEqual([]);
  });
});

describe("narrowUploadLimits", () => {
  it("starts from the shared default and takes a grader's lower limits, never its higher ones", () => {
    expect(narrowUploadLimits(null)).toEqual(defaultUploadLimits);
    expect(narrowUploadLimits({ uploadMaxBytes: 1024 * 1024, uploadMaxFiles: 1000 })).toEqual({ uploadMaxBytes: 1024 * 1024, uploadMaxFiles: defaultUploadLimits.uploadMaxFiles });
    expect(narrowUploadLimits({ uploadMaxBytes: 20 * 1024 * 1024, uploadMaxFiles: 50 })).toEqual({ uploadMaxBytes: defaultUploadLimits.uploadMaxBytes, uploadMaxFiles: 50 });
  });
});

it("formats sizes as a learner reads them", () => {
  expect([formatBytes(512), formatBytes(1536), formatBytes(5 * 1024 * 1024), formatBytes(300 * 1024 * 1024)]).toEqual(["512 B", "1.5 KiB", "5.0 MiB", "300 MiB"]);
});

it("shows any other path as typed, a backslash included", () => {
  expect(pathProblem("src\\app.py")).toBe('"src\\app.py" contains a backslash; use "/" between folders.');
});
