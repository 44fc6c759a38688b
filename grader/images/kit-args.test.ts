import { describe, expect, it } from "vitest";
import { KitArgsError, parseKitArgs } from "./kit-args";
import { defaultMirror } from "./recipes";

describe("parseKitArgs", () => {
  it("defaults to every image, no force, no pull, Debian's mirror", () => {
    expect(parseKitArgs([])).toEqual({ only: [], force: false, pull: false, mirror: defaultMirror, help: false });
  });

  it("collects repeated --only and the other flags", () => {
    const options = parseKitArgs(["--only", "busybox", "--only", "golang:1.22", "--force", "--mirror", "http://127.0.0.1:4201/debian"]);
    expect(options.only).toEqual(["busybox", "golang:1.22"]);
    expect(options.force).toBe(true);
    expect(options.mirror).toBe("http://127.0.0.1:4201/debian");
  });

  it("names the known images when --only gets an unknown one", () => {
    expect(() => parseKitArgs(["--only", "python:3.12"])).toThrow(/unknown image "python:3.12".*python:3.11-slim/);
  });

  it("rejects a flag without its value, an unknown flag and a mirror that is not http(s)", () => {
    expect(() => parseKitArgs(["--only"])).toThrow(KitArgsError);
    expect(() => parseKitArgs(["--only", "--force"])).toThrow(/--only needs a value/);
    expect(() => parseKitArgs(["--fast"])).toThrow(/unknown argument "--fast"/);
    expect(() => parseKitArgs(["--mirror", "ftp://example/debian"])).toThrow(/http\(s\) URL/);
  });
});
