import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import { csvOf } from "./exports";

it("keeps a learner's formula-like name from running in a spreadsheet, and leaves plain cells alone", () => {
  const text = csvOf([
    ["email", "name", "joined_at"],
    ["a@example.test", '=HYPERLINK("http://127.0.0.1/x","open")', "2026-12-03"],
    ["b@example.test", "+1 555", "not started"],
    ["c@example.test", "@SUM(A1)", "-2"],
    ["d@example.test", "Ada Lovelace", "passed 2026-12-03"],
  ]);
  expect(text.endsWith("\r\n")).toBe(true);
  expect(parse(text)).toEqual([
    ["email", "name", "joined_at"],
    ["a@example.test", `'=HYPERLINK("http://127.0.0.1/x","open")`, "2026-12-03"],
    ["b@example.test", "'+1 555", "not started"],
    ["c@example.test", "'@SUM(A1)", "'-2"],
    ["d@example.test", "Ada Lovelace", "passed 2026-12-03"],
  ]);
});
