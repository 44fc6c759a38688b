import { describe, expect, it } from "vitest";
import { normalizeImageRef } from "./image-ref";

describe("normalizeImageRef", () => {
  it.each([
    ["busybox", "busybox:latest"],
    ["busybox:latest", "busybox:latest"],
    ["docker.io/library/busybox", "busybox:latest"],
    ["index.docker.io/library/python:3.11-slim", "python:3.11-slim"],
    ["docker.io/acme/app:1", "acme/app:1"],
    ["127.0.0.1:4100/x/y:1", "127.0.0.1:4100/x/y:1"],
    ["localhost/x", "localhost/x:latest"],
    ["shipshape-test/busybox:dev", "shipshape-test/busybox:dev"],
  ])("%s → %s", (ref, name) => {
    expect(normalizeImageRef(ref)).toMatchObject({ ok: true, name });
  });

  it("keeps the registry apart", () => {
    expect(normalizeImageRef("127.0.0.1:4100/x/y:1")).toMatchObject({ registry: "127.0.0.1:4100" });
  });

  it.each(["Busybox", "busybox:", "", "a//b", "busybox@sha256:xyz", "bad tag"])("rejects %j", (ref) => {
    expect(normalizeImageRef(ref).ok).toBe(false);
  });
});
