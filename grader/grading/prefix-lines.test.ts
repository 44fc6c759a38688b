import { describe, expect, it } from "vitest";
import { prefixLines } from "./grading-session";

describe("prefixLines", () => {
  it("marks each line once, chunk after chunk", () => {
    const chunks = ["Step 5/7 : COPY . .\n", " ---> 60b06c394542\nStep 6/7 : EXPOSE 5000\n"];
    expect(chunks.map((c) => prefixLines(c, "[rebuild] ")).join("")).toBe(
      "[rebuild] Step 5/7 : COPY . .\n[rebuild]  ---> 60b06c394542\n[rebuild] Step 6/7 : EXPOSE 5000\n",
    );
  });

  it("leaves blank lines blank", () => {
    expect(prefixLines("a\n\nb", "> ")).toBe("> a\n\n> b");
  });
});
