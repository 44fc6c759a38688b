import { describe, expect, it } from "vitest";
import { isGradingImageTag, isPushName } from "./image-names";

describe("the trim's own names", () => {
  it("knows a pipeline's push names by their loopback registry host, and nothing else by it", () => {
    expect(isPushName("127.0.0.1:32794/app:1.2.0")).toBe(true);
    expect(isPushName("127.0.0.1:32794/team/app:latest")).toBe(true);
    expect(isPushName("localhost:5000/app:1")).toBe(false);
    expect(isPushName("registry.example.com:5000/app:1")).toBe(false);
    expect(isPushName("python:3.11-slim")).toBe(false);
    expect(isGradingImageTag("127.0.0.1:32794/app:1")).toBe(false);
  });
});
