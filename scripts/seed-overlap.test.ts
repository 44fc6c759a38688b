import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findSeedOverlaps, SeedIndex } from "./seed-overlap";

const seed = [
  "Why this matters",
  "Containers give every environment the same runtime, so a service behaves alike on laptops and servers.",
  "# Dockerfile",
  "FROM python:3.11-slim",
  "WORKDIR /app",
  "COPY requirements.txt .",
  "RUN pip install --no-cache-dir -r requirements.txt",
  "CMD [\"python\", \"app.py\"]",
].join("\n");

const index = SeedIndex.fromSeed(seed);

describe("prose", () => {
  it("flags 8 words of a seed sentence, whatever the case, punctuation and line wrapping", () => {
    const found = index.proseOverlaps("a.md", [{ line: 10, text: "As they say, CONTAINERS give every environment the\nsame runtime — so a service behaves alike!" }]);
    expect(found).toEqual([{ file: "a.md", line: 10, rule: "prose", text: "containers give every environment the same runtime so" }]);
  });

  it("lets 7 shared words pass, and words split across two sentences", () => {
    expect(index.proseOverlaps("a.md", [{ line: 1, text: "Containers give every environment the same runtime." }])).toEqual([]);
    expect(index.proseOverlaps("a.md", [{ line: 1, text: "Containers give every environment the same. Runtime so a service behaves alike." }])).toEqual([]);
  });

  it("leaves inline code to the code rule", () => {
    expect(index.proseOverlaps("a.md", [{ line: 1, text: "Run `RUN pip install --no-cache-dir -r requirements.txt` here." }])).toEqual([]);
  });
});

describe("code", () => {
  it("flags 4 consecutive seed lines, blank lines and spacing aside, once per block", () => {
    const text = "FROM python:3.11-slim\n\nWORKDIR   /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCMD [\"python\", \"app.py\"]";
    const found = index.codeOverlaps("Dockerfile", [{ line: 1, text }]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: "Dockerfile", line: 1, rule: "code" });
  });

  it("lets 3 lines pass, and a run broken by a line of our own", () => {
    expect(index.codeOverlaps("Dockerfile", [{ line: 1, text: "FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt ." }])).toEqual([]);
    const broken = "FROM python:3.11-slim\nWORKDIR /app\n# our note\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt";
    expect(index.codeOverlaps("Dockerfile", [{ line: 1, text: broken }])).toEqual([]);
  });
});

describe("a content folder", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "seed-overlap-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const copied = "FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n";

  it("reads Markdown fences as code, YAML dockerfile values as code, other files whole, and skips the seed-example fixture", async () => {
    const md = ["# Title", "", "Containers give every environment the same runtime, so a service behaves alike.", "", "```dockerfile", copied, "```"].join("\n");
    const yaml = ["task: Fine words of our own.", "sizeBaselines:", "  - dockerfile: |", ...copied.trimEnd().split("\n").map((l) => `      ${l}`)].join("\n");
    await fs.mkdir(path.join(dir, "ex/mistakes/seed-example"), { recursive: true });
    await fs.writeFile(path.join(dir, "lesson.md"), md);
    await fs.writeFile(path.join(dir, "ex/exercise.yaml"), yaml);
    await fs.writeFile(path.join(dir, "ex/Dockerfile"), copied);
    await fs.writeFile(path.join(dir, "ex/mistakes/seed-example/Dockerfile"), copied);

    const found = (await findSeedOverlaps(dir, index)).map((o) => `${path.relative(dir, path.resolve(o.file))}:${o.line}:${o.rule}`);
    expect(found).toEqual(["ex/Dockerfile:1:code", "ex/exercise.yaml:4:code", "lesson.md:3:prose", "lesson.md:6:code"]);
  });
});

describe("the fingerprint", () => {
  it("finds what the seed finds, holding none of its text", () => {
    const fp = index.fingerprint();
    const fromFingerprint = SeedIndex.fromFingerprint(JSON.parse(JSON.stringify(fp)) as typeof fp);
    const text = "As they say, containers give every environment the same runtime, so a service behaves alike.";
    expect(fromFingerprint.proseOverlaps("a.md", [{ line: 1, text }])).toEqual(index.proseOverlaps("a.md", [{ line: 1, text }]));
    expect(fromFingerprint.proseOverlaps("a.md", [{ line: 1, text }])).toHaveLength(1);
    expect(JSON.stringify(fp)).not.toMatch(/runtime|python/);
  });

  it("refuses one made with other run lengths", () => {
    expect(() => SeedIndex.fromFingerprint({ ...index.fingerprint(), proseWords: 6 })).toThrow(/6 words/);
  });
});
