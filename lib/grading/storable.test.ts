import { describe, expect, it } from "vitest";
import { fileTextProblem } from "@/grader/contract/file-text";
import { brokenStandIn, nulStandIn } from "@/grader/contract/file-text";
import { showsStandIns, toStorable } from "./storable";

describe("toStorable", () => {
  it("replaces NUL and lone surrogates everywhere, keeps whole pairs, and counts what it replaced", () => {
    const event = { type: "log", text: `a\u0000b\ud800c\udc00 🐳`, evidence: { ["k\u0000"]: ["x\u0000\u0000"] } };
    const { value, replaced } = toStorable(event);
    expect(value).toEqual({ type: "log", text: `a${nulStandIn}b${brokenStandIn}c${brokenStandIn} 🐳`, evidence: { [`k${nulStandIn}`]: [`x${nulStandIn}${nulStandIn}`] } });
    expect(replaced).toBe(6);
    // What comes out is valid UTF-8 round-trip and has no NUL: PostgreSQL's jsonb accepts it.
    const json = JSON.stringify(value);
    expect(Buffer.from(json, "utf8").toString("utf8")).toBe(json);
    expect(json).not.toMatch(/\\u0000|\\ud800|\\udc00/);
  });

  it("returns clean values untouched", () => {
    const event = { type: "log", text: "plain\ttext\u0001 ✓", n: 3, none: null };
    const result = toStorable(event);
    expect(result.replaced).toBe(0);
    expect(result.value).toBe(event);
  });
});

describe("showsStandIns", () => {
  it("tells when a log is not byte-exact, whoever replaced the bytes", () => {
    expect(showsStandIns({ type: "log", text: "a\u0000b" })).toBe(true);
    expect(showsStandIns({ type: "log", text: `a${nulStandIn}b` })).toBe(true);
    expect(showsStandIns({ type: "log", text: `bad ${brokenStandIn}` })).toBe(true);
    expect(showsStandIns({ type: "log", text: "plain" })).toBe(false);
    expect(showsStandIns({ type: "notice", text: `about ${nulStandIn}` })).toBe(false);
  });
});

describe("fileTextProblem", () => {
  it("names the file and the line of a NUL or a broken character", () => {
    expect(fileTextProblem("app.py", "print(1)\nx = '\u0000'\n")).toMatch(/^"app\.py" contains a NUL byte on line 2/);
    expect(fileTextProblem("Dockerfile", "FROM busybox\n# \udc00")).toMatch(/^"Dockerfile" contains a broken character .* on line 2/);
    expect(fileTextProblem("ok.txt", "emoji 🐳 and tabs\t")).toBeNull();
  });
});
