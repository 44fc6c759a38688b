import { describe, expect, it } from "vitest";
import { argDeclarations, envPairs, jsonArgs, parseInstructions, quotedWords, splitFlags } from "./dockerfile-lines";

describe("parseInstructions splits as moby's parser does", () => {
  it("joins continuations, skipping comment and blank lines inside them, and keeps the first line's number", () => {
    const { instructions } = parseInstructions("FROM busybox\n\n# c\nADD \\\n# inside\n\n  $U \\\n  /x\nRUN true\n");
    expect(instructions.map((i) => [i.keyword, i.rest, i.line])).toEqual([
      ["FROM", "busybox", 1],
      ["ADD", "$U   /x", 4],
      ["RUN", "true", 9],
    ]);
  });

  it("reads the escape directive only at the top", () => {
    expect(parseInstructions("# escape=`\nFROM a\nADD `\n  b c\n").instructions.at(-1)).toMatchObject({ keyword: "ADD", rest: "b c" });
    expect(parseInstructions("FROM a\n# escape=`\n").escape).toBe("\\");
    expect(() => parseInstructions("# escape=x\nFROM a\n")).toThrow(/escape directive/);
  });

  it("accepts CRLF and lowercase keywords", () => {
    expect(parseInstructions("from a\r\nadd b c\r\n").instructions.map((i) => i.keyword)).toEqual(["FROM", "ADD"]);
  });
});

describe("argument forms", () => {
  it("flags", () => {
    expect(splitFlags("--from=build --chown=1:1 /a /b")).toEqual({ flags: [{ name: "from", value: "build" }, { name: "chown", value: "1:1" }], rest: "/a /b" });
    expect(splitFlags("/a --from=x")).toEqual({ flags: [], rest: "/a --from=x" });
  });

  it("JSON arrays only when every item is a string", () => {
    expect(jsonArgs('["a b", "$U", "/x"]')).toEqual(["a b", "$U", "/x"]);
    expect(jsonArgs("[1, 2]")).toBeNull();
    expect(jsonArgs("[not json")).toBeNull();
  });

  it("quote-aware words keep quotes for the expansion", () => {
    expect(quotedWords('A="x y" B=\'$U\' C=d\\ e', "\\")).toEqual(['A="x y"', "B='$U'", "C=d\\ e"]);
  });

  it("ENV in both forms, ARG with and without defaults", () => {
    expect(envPairs("OLD hello  world", "\\")).toEqual([{ name: "OLD", value: "hello  world" }]);
    expect(envPairs('A="http://x" C=d', "\\")).toEqual([{ name: "A", value: '"http://x"' }, { name: "C", value: "d" }]);
    expect(argDeclarations("A B=1 C=$A", "\\")).toEqual([{ name: "A", value: undefined }, { name: "B", value: "1" }, { name: "C", value: "$A" }]);
  });
});
