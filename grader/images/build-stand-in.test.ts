import { describe, expect, it } from "vitest";
import { isArchiveOf } from "./build-stand-in";

describe("isArchiveOf", () => {
  it("tells an image's archives from those of an image whose name it prefixes", () => {
    expect(isArchiveOf("python:3.11", "python_3.11-824fe8add603cf305f71.tar")).toBe(true);
    // Building python:3.11 used to delete python:3.11-slim's archive, the distroless stand-in's donor.
    expect(isArchiveOf("python:3.11", "python_3.11-slim-d63d491a8f5c065d1789.tar")).toBe(false);
    expect(isArchiveOf("gcr.io/distroless/python3-debian12", "gcr.io_distroless_python3-debian12_nonroot-a0e4efdfe8dfa664fbb2.tar")).toBe(false);
    expect(isArchiveOf("python:3.11", "python_3.11-824fe8add603cf305f71.tar.part")).toBe(false);
  });
});
