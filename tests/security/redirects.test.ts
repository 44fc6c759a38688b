// Row "sign-in with next=/%09/127.0.0.1:3999/phish: the browser left the site". Every redirect target taken from a
// request goes through safeNextPath; these are the known ways to make a "path" leave the origin once a browser
// (WHATWG URL parsing) is done with it. Each must fall back; ordinary paths must survive unchanged.
import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/validations/next-path";

const bypasses = [
  "/\t/127.0.0.1:3999/phish", // the reported one: %09 decoded by the page's searchParams
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\n/evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/%09/evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%5Cevil.example",
  "/%5c%5cevil.example",
  "/%0a/evil.example",
  "/%0D/evil.example",
  "/%252F%252Fevil.example",
  " /evil.example",
  "/ /evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "data:text/html,hi",
  "evil.example",
  "./..//evil.example",
  "/../..//evil.example",
  "/.//evil.example",
  "/x/../..//evil.example",
  "",
  "/" + "a".repeat(3000),
];

describe("safeNextPath refuses every known open-redirect bypass", () => {
  it.each(bypasses.map((b) => [JSON.stringify(b), b]))("%s falls back", (_label, value) => {
    expect(safeNextPath(value)).toBe("/me");
  });

  it("refuses what is not a string", () => {
    for (const value of [undefined, null, 3, ["/me"], { toString: () => "/x" }]) expect(safeNextPath(value, "/")).toBe("/");
  });

  it("keeps ordinary paths of ours, with their query and fragment", () => {
    for (const path of ["/me", "/settings", "/learn/containers/dockerize-a-service", "/learn/c/l/quiz?retry=1#q3", "/instructor/abc123", "/learn/c/l/exercises/first-service?tab=log"]) {
      expect(safeNextPath(path)).toBe(path);
    }
  });

  it("whatever it returns resolves to this site in a browser's URL parser", () => {
    for (const value of [...bypasses, "/me", "/a/./b/../c"]) {
      expect(new URL(safeNextPath(value), "https://shipshape.test").origin).toBe("https://shipshape.test");
    }
  });
});
