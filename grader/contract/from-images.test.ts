import { describe, expect, it } from "vitest";
import { baseImagesOf, fromImages, normalImageName, sameImage } from "./from-images";

describe("fromImages", () => {
  it("lists external images once, in order, skipping stages, scratch and ARG-made names", () => {
    const dockerfile = [
      "# syntax comment",
      "FROM python:3.11 AS builder",
      "RUN pip install x",
      "from --platform=linux/amd64 python:3.11-slim",
      "COPY --from=builder /install /usr/local",
      "FROM builder AS again",
      "FROM ${BASE}",
      "FROM scratch",
      "FROM \\",
      "  busybox",
      "FROM python:3.11",
    ].join("\n");
    expect(fromImages(dockerfile)).toEqual(["python:3.11", "python:3.11-slim", "busybox"]);
  });

  it("is empty when there is no FROM", () => {
    expect(fromImages("RUN true\n")).toEqual([]);
  });
});

describe("image names", () => {
  it("treats Docker's short and long spellings as one image", () => {
    expect(normalImageName("busybox")).toBe("busybox:latest");
    expect(sameImage("docker.io/library/busybox:latest", "busybox")).toBe(true);
    expect(sameImage("127.0.0.1:5000/busybox", "127.0.0.1:5000/busybox:latest")).toBe(true);
    expect(sameImage("python:3.11", "python:3.11-slim")).toBe(false);
  });
});

describe("baseImagesOf", () => {
  it("reads every Dockerfile of a submission and the image lines of its Compose file, each once", () => {
    const files = {
      "compose.yaml": 'services:\n  api:\n    build: ./api\n  db:\n    image: "postgres:15" # the sidecar\n  cache:\n    image: ${CACHE_IMAGE}\n',
      "api/Dockerfile": "FROM node:18-alpine AS deps\nFROM deps\n",
      Dockerfile: "FROM node:18-alpine\n",
    };
    expect(baseImagesOf(files)).toEqual(["node:18-alpine", "postgres:15"]);
    expect(baseImagesOf({ Dockerfile: "FROM python:3.11-slim\n" })).toEqual(["python:3.11-slim"]);
  });
});
