import { expect, it } from "vitest";
import { printableText } from "./printable-text";

it("shows NUL and control bytes as visible marks, keeping tabs, newlines and ANSI escapes", () => {
  expect(printableText("a\u0000b\u0007c\td\r\n\u001b[31mred\u007f")).toBe("a\u2400b\ufffdc\td\r\n\u001b[31mred\ufffd");
});
