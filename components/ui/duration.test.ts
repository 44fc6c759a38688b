import { describe, expect, it } from "vitest";
import { formatMinutes } from "./duration";

describe("formatMinutes", () => {
  it("writes minutes under an hour as minutes", () => expect(formatMinutes(45)).toBe("45 min"));
  it("drops zero minutes from whole hours", () => expect(formatMinutes(120)).toBe("2 h"));
  it("writes hours and minutes", () => expect(formatMinutes(260)).toBe("4 h 20 min"));
});
