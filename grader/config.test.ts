import { describe, expect, it } from "vitest";
import { ConfigError, configTableMarkdown, limitTable, parseConfig } from "./config";

describe("grader config", () => {
  it("has DESIGN §5's defaults", () => {
    const c = parseConfig({}, { requireToken: false });
    expect(c).toMatchObject({ port: 4000, host: "127.0.0.1", buildNetwork: "none", dockerHost: "unix:///var/run/docker.sock" });
    expect(c.limits).toMatchObject({ concurrency: 2, queueSize: 50, uploadMaxBytes: 5 * 1024 * 1024, uploadMaxFiles: 200, buildTimeoutMs: 180_000, runMemoryBytes: 256 * 1024 * 1024, runPids: 128, readyTimeoutMs: 30_000, gradingTimeoutMs: 300_000, buildLogMaxBytes: 1024 * 1024 });
  });

  it("takes limits from env up to their hard cap, never past it", () => {
    expect(parseConfig({ GRADER_RUN_PIDS: "256" }, { requireToken: false }).limits.runPids).toBe(256);
    expect(() => parseConfig({ GRADER_RUN_PIDS: String(limitTable.runPids.max + 1) }, { requireToken: false })).toThrow(/GRADER_RUN_PIDS is capped at 1024/);
    expect(() => parseConfig({ GRADER_QUEUE_SIZE: "many" }, { requireToken: false })).toThrow(/GRADER_QUEUE_SIZE must be a number/);
  });

  it("names every bad variable at once", () => {
    try {
      parseConfig({ GRADER_BUILD_NETWORK: "host", DOCKER_HOST: "ftp://x", GRADER_CONCURRENCY: "0" }, { requireToken: false });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/GRADER_CONCURRENCY.*GRADER_BUILD_NETWORK|GRADER_BUILD_NETWORK.*GRADER_CONCURRENCY/);
      expect((err as Error).message).toMatch(/DOCKER_HOST/);
    }
  });

  it("needs a token of 16+ characters only to serve", () => {
    expect(() => parseConfig({}, { requireToken: true })).toThrow(/GRADER_TOKEN is required/);
    expect(() => parseConfig({ GRADER_TOKEN: "short" }, { requireToken: true })).toThrow(/at least 16/);
    expect(parseConfig({ GRADER_TOKEN: "0123456789abcdef" }, { requireToken: true }).token).toBe("0123456789abcdef");
  });

  it("offers the lessons' base images unless told otherwise, and publishes only on an address", () => {
    expect(parseConfig({}, { requireToken: false }).offeredImages).toEqual([
      "python:3.11-slim",
      "python:3.11",
      "node:18-alpine",
      "golang:1.22",
      "gcr.io/distroless/python3-debian12",
      "gcr.io/distroless/python3-debian12:nonroot",
      "alpine:3.18",
      "postgres:15",
      "busybox",
    ]);
    expect(parseConfig({ GRADER_OFFERED_IMAGES: " busybox:1.36 , python:3.11-slim," }, { requireToken: false }).offeredImages).toEqual(["busybox:1.36", "python:3.11-slim"]);
    expect(() => parseConfig({ GRADER_OFFERED_IMAGES: " , " }, { requireToken: false })).toThrow(/at least one image/);
    expect(() => parseConfig({ GRADER_PUBLISH_HOST: "engine" }, { requireToken: false })).toThrow(/GRADER_PUBLISH_HOST must be an IPv4 address/);
    expect(() => parseConfig({ GRADER_BUILD_PIDS: "100000" }, { requireToken: false })).toThrow(/GRADER_BUILD_PIDS is capped at 4096/);
  });

  it("prints the README table with every env name", () => {
    const md = configTableMarkdown();
    for (const row of Object.values(limitTable)) expect(md).toContain(`\`${row.env}\``);
  });
});
