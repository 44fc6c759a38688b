// The lesson and the graded exercises must tell the learner the same thing: the files the lesson prints are the
// ones the exercise pages start from or are graded against.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesOf, lessonDir, lessonSections, section } from "./lesson-blocks";

const read = (rel: string) => fs.readFile(path.join(lessonDir, "exercises", rel), "utf8");

describe("the lesson and the exercises", async () => {
  const sections = await lessonSections();
  const example1 = filesOf(section(sections, "Example 1"));

  it("Exercise 2 starts from the naive Dockerfile the optimize-and-harden starter is", async () => {
    expect(filesOf(section(sections, "Exercise 2")).Dockerfile).toBe(await read("optimize-and-harden/starter/Dockerfile"));
  });

  it.each(["first-service/starter", "first-service/solution", "optimize-and-harden/starter", "optimize-and-harden/solution"])(
    "%s has Example 1's app.py and lock",
    async (folder) => {
      expect(await read(`${folder}/app.py`)).toBe(example1["app.py"]);
      expect(await read(`${folder}/requirements.txt`)).toBe(example1["requirements.txt"]);
    },
  );

  it("the Flask route's single-stage baseline is Example 1's Dockerfile as printed", async () => {
    expect(await read("lean-image/exercise.yaml")).toContain(example1.Dockerfile?.split("\n").map((l) => (l ? `      ${l}` : l)).join("\n").trimEnd());
  });

  it.each([
    ["The Flask route", "flask-distroless-runtime", "Example 1", ["app.py", "requirements.txt"]],
    ["The Node.js route", "node-alpine-runtime", "Example 2", ["server.js", "package.json"]],
  ])("%s is graded as the lesson prints it: its Dockerfile and its worked example's files", async (route, folder, example, appFiles) => {
    expect(await read(`lean-image/mistakes/${folder}/Dockerfile`)).toBe(filesOf(section(sections, route)).Dockerfile);
    const exampleFiles = filesOf(section(sections, example));
    for (const file of appFiles) expect(await read(`lean-image/mistakes/${folder}/${file}`)).toBe(exampleFiles[file]);
  });

  it("the mini challenge's Go files are Example 3's", async () => {
    const example3 = filesOf(section(sections, "Example 3"));
    expect(await read("lean-image/solution/main.go")).toBe(example3["main.go"]);
    expect(await read("lean-image/solution/go.mod")).toBe(example3["go.mod"]);
  });
});
