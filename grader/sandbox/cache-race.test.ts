import { describe, expect, it } from "vitest";
import { isCacheRace } from "./build-image";

describe("isCacheRace", () => {
  it("recognises the engine losing layers under a build, as seen on engine 20.10 under concurrent cleanup", () => {
    expect(isCacheRace("failed to get digest sha256:ddac0b693adf: open /var/lib/docker/image/overlay2/imagedb/content/sha256/ddac0b693adf: no such file or directory")).toBe(true);
    expect(isCacheRace("unknown parent image ID sha256:1234")).toBe(true);
    expect(isCacheRace("No such image: sha256:abcd")).toBe(true);
    // A cached layer trimmed between the builder's cache lookup and its use (seen in the golden suite at load 20).
    expect(isCacheRace('unable to find image "sha256:9f2c61ab34de"')).toBe(true);
    expect(isCacheRace("The command '/bin/sh -c false' returned a non-zero code: 1")).toBe(false);
  });
});
