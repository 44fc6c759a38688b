import { describe, expect, it } from "vitest";
import { expandWord, Undecidable } from "./shell-word";

const vars = new Map([
  ["U", "http://127.0.0.1:4100/x"],
  ["EMPTY", ""],
  ["A", "a"],
]);

describe("expandWord follows the classic builder's ProcessWord", () => {
  it.each([
    ["$U", "http://127.0.0.1:4100/x"],
    ["${U}", "http://127.0.0.1:4100/x"],
    ["pre${A}post", "preapost"],
    ["$A$A", "aa"],
    ["$NOPE", ""],
    ["${NOPE:-http://d}", "http://d"],
    ["${EMPTY:-dflt}", "dflt"],
    ["${A:-dflt}", "a"],
    ["${A:+set}", "set"],
    ["${EMPTY:+set}", ""],
    ["${NOPE:+set}", ""],
    ["${NOPE:-${U}}", "http://127.0.0.1:4100/x"],
    ["${NOPE:-'}'}", "}"],
    ["\\$U", "$U"],
    ["'$U'", "$U"],
    ['"$U"', "http://127.0.0.1:4100/x"],
    ['"\\$U"', "$U"],
    ['"a\\b"', "a\\b"],
    ["h\\ttp", "http"],
    ["$", "$"],
    ["a$/b", "a$/b"],
    ["trailing\\", "trailing"],
    ['"it\'s"', "it's"],
  ])("%s → %s", (word, expected) => {
    expect(expandWord(word, vars)).toBe(expected);
  });

  it("honours a backtick escape directive", () => {
    expect(expandWord("`$U", vars, "`")).toBe("$U");
    expect(expandWord("C:\\dir", vars, "`")).toBe("C:\\dir");
  });

  it.each([
    ["${U-x}", /not supported/],
    ["${U:?x}", /not supported/],
    ["${U#http}", /not supported/],
    ["${U", /closing|not supported/],
    ["${1}", /not a variable name/],
    ["$1", /not a variable/],
    ["$@", /not a variable/],
    ["$$", /not a variable/],
    ["'open", /unterminated/],
    ['"open', /unterminated/],
    ["${NOPE:-x", /closing/],
    ["$é", /non-ASCII/],
  ])("refuses %s", (word, message) => {
    expect(() => expandWord(word, vars)).toThrow(Undecidable);
    expect(() => expandWord(word, vars)).toThrow(message);
  });
});
