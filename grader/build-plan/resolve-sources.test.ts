// The resolver against an in-memory engine view: which images exist, their ENV and ONBUILD. (The real engine's
// inspect is exercised by the exploit suite; here every rule gets its own row.)
import { describe, expect, it } from "vitest";
import { resolveBuildSources, type BaseImageFacts } from "./resolve-sources";

const engine: Record<string, BaseImageFacts> = {
  "busybox:latest": { env: ["PATH=/bin"], onBuild: [] },
  "python:3.11-slim": { env: ["PATH=/usr/bin", "LOOT=http://127.0.0.1:4100/healthz"], onBuild: [] },
  "acme/onbuild:1": { env: [], onBuild: ["ADD $FETCH /x"] },
  "acme/onbuild-env:1": { env: ["FETCH=http://127.0.0.1:4100/"], onBuild: ["ADD $FETCH /x"] },
  "acme/onbuild-copy:1": { env: [], onBuild: ["COPY . /app"] },
  "shipshape-grading/x-1:image": { env: [], onBuild: [] },
};
const offered = ["busybox", "python:3.11-slim", "acme/onbuild:1", "acme/onbuild-env:1", "acme/onbuild-copy:1", "golang:1.22"];

const resolve = (dockerfile: string, buildArgs: Record<string, string> = {}) =>
  resolveBuildSources(dockerfile, { offered, buildArgs, inspect: (ref) => Promise.resolve(engine[ref] ?? null) });

describe("accepted: only local sources and offered images", () => {
  it.each([
    ["plain", "FROM busybox\nCOPY . /app\nADD app.tar /app\n", ["busybox:latest"]],
    ["ARG before FROM picks the image", "ARG BASE=python:3.11-slim\nFROM $BASE\n", ["python:3.11-slim"]],
    ["${VAR:-default} in FROM", "FROM ${NOPE:-busybox}\n", ["busybox:latest"]],
    ["docker.io spelling", "FROM docker.io/library/busybox:latest\n", ["busybox:latest"]],
    ["stages by name and index", "FROM busybox AS build\nRUN true\nFROM build\nCOPY --from=build /a /b\nCOPY --from=0 /a /b\n", ["busybox:latest"]],
    ["COPY --from an offered image", "FROM busybox\nCOPY --from=python:3.11-slim /usr/bin/python3 /p\n", ["busybox:latest", "python:3.11-slim"]],
    ["scratch", "FROM scratch\nCOPY a /a\n", []],
    ["harmless ONBUILD of a base", "FROM acme/onbuild-copy:1\n", ["acme/onbuild-copy:1"]],
    ["ONBUILD ADD of a base, resolved to a local file", "FROM acme/onbuild:1\n", ["acme/onbuild:1"]],
    ["escaped dollar is literal", "FROM busybox\nARG U=http://x\nADD \\$U /x\n", ["busybox:latest"]],
    ["single quotes are literal", "FROM busybox\nARG U=http://x\nADD '$U' /x\n", ["busybox:latest"]],
    ["ARG declared in another stage does not leak", "FROM busybox AS a\nARG U=http://x\nFROM busybox\nADD $U/f /x\n", ["busybox:latest"]],
    ["independent pairs on one line", "FROM busybox\nENV A=1 B=2\nARG C=3 D=$A\nADD $A$B$C$D /x\n", ["busybox:latest"]],
  ])("%s", async (_name, dockerfile, images) => {
    expect(await resolve(dockerfile)).toEqual({ ok: true, images });
  });
});

describe("refused, with the line", () => {
  it.each([
    ["literal URL", "FROM busybox\nADD http://127.0.0.1:4100/a /a\n", 2, /ADD would fetch "http:\/\/127\.0\.0\.1:4100\/a"/],
    ["URL through ARG (the reported exploit)", "ARG U=http://127.0.0.1:4000/healthz\nFROM busybox\nARG U\nADD $U /loot.txt\n", 4, /expands to/],
    ["URL through a stage ARG default", "FROM busybox\nARG U=http://127.0.0.1:4100/healthz\nADD $U /loot.txt\n", 3, /ADD would fetch/],
    ["URL through ENV", "FROM busybox\nENV U=http://127.0.0.1:4100/x\nADD ${U} /x\n", 3, /ADD would fetch/],
    ["URL through ENV built from ARG", "FROM busybox\nARG H=127.0.0.1:4100\nENV U=\"http://$H/x\"\nADD $U /x\n", 4, /ADD would fetch/],
    ["URL through a default", "FROM busybox\nADD ${NOPE:-https://127.0.0.1:4100/} /x\n", 2, /ADD would fetch/],
    ["URL split by quotes", "FROM busybox\nADD \"ht\"'tp://127.0.0.1:4100/' /x\n", 2, /ADD would fetch/],
    ["URL in JSON form", 'FROM busybox\nENV U=http://127.0.0.1:4100\nADD ["$U/a", "/x"]\n', 3, /ADD would fetch/],
    ["URL from the base image's ENV", "FROM python:3.11-slim\nADD $LOOT /x\n", 2, /ADD would fetch/],
    ["git remote", "FROM busybox\nADD git@127.0.0.1:x/y.git /x\n", 2, /ADD would fetch/],
    ["ENV wins over ARG, as in the builder", "FROM busybox\nENV U=http://127.0.0.1:4100/\nARG U=safe\nADD $U /x\n", 4, /ADD would fetch/],
    ["build arg we pass", "FROM busybox\nARG U\nADD $U /x\n", 3, /ADD would fetch/, { U: "http://127.0.0.1:4100/" }],
    ["ONBUILD trigger of a base image, with the base's ENV", "FROM acme/onbuild-env:1\n", 1, /ONBUILD trigger of acme\/onbuild-env:1/],
    ["ONBUILD of an earlier stage fires in the next", "FROM busybox AS base\nENV U=http://127.0.0.1:4100/\nONBUILD ADD $U /x\nFROM base\n", 4, /ONBUILD line of stage base/],
    ["a registry on loopback", "FROM 127.0.0.1:4100/x/y:1\n", 1, /does not offer/],
    ["FROM through ARG to a registry", "ARG R=127.0.0.1:4100\nFROM $R/x/y:1\n", 2, /does not offer/],
    ["an image the engine holds but we do not offer (another grading's)", "FROM shipshape-grading/x-1:image\n", 1, /does not offer/],
    ["COPY --from a registry", "FROM busybox\nCOPY --from=127.0.0.1:4100/x/y:1 /a /b\n", 2, /does not offer/],
    ["COPY --from with a variable", "FROM busybox\nARG S=build\nCOPY --from=$S /a /b\n", 3, /literally/],
    ["COPY --from a later stage index", "FROM busybox\nCOPY --from=0 /a /b\n", 2, /no earlier stage/],
    ["digest", `FROM busybox@sha256:${"a".repeat(64)}\n`, 1, /pins a digest/],
    ["platform flag", "FROM --platform=linux/arm64 busybox\n", 1, /platform/],
    ["unsupported operator", "FROM busybox\nADD ${U-http://x} /x\n", 2, /cannot tell/],
    ["special parameter", "FROM busybox\nADD $1 /x\n", 2, /cannot tell/],
    ["unterminated quote", "FROM busybox\nADD \"http://x /x\n", 2, /cannot tell/],
    ["instruction before FROM", "ADD http://x /x\nFROM busybox\n", 1, /only ARG/],
    ["no FROM", "# nothing\n", 1, /no FROM/],
    ["bad escape directive", "# escape=x\nFROM busybox\n", 1, /cannot read/],
    ["ONBUILD FROM", "FROM busybox\nONBUILD FROM busybox\n", 2, /cannot trigger/],
    ["ENV pairs reading each other", "FROM busybox\nENV U=http://127.0.0.1:4100/\nENV U=safe V=$U\nADD $V /x\n", 3, /same line/],
    ["ARG pairs reading each other", "FROM busybox\nARG A=http://127.0.0.1:4100/ B=$A\nADD $B /x\n", 2, /same line/],
    ["meta ARG pairs reading each other", "ARG R=127.0.0.1:4100 B=$R/x:1\nFROM $B\n", 1, /same line/],
  ] as [string, string, number, RegExp, Record<string, string>?][])("%s", async (_name, dockerfile, line, message, buildArgs) => {
    const plan = await resolve(dockerfile, buildArgs);
    expect(plan).toMatchObject({ ok: false, kind: "refused", line });
    expect(plan.ok ? "" : plan.message).toMatch(message);
  });

  it("names the offered images when refusing one", async () => {
    const plan = await resolve("FROM alpine:3.19\n");
    expect(plan.ok ? "" : plan.message).toContain("busybox, python:3.11-slim");
  });
});

describe("an offered image the engine lacks is our fault", () => {
  it("is `missing`, not refused", async () => {
    const plan = await resolve("FROM golang:1.22\n");
    expect(plan).toMatchObject({ ok: false, kind: "missing", line: 1 });
    expect(plan.ok ? "" : plan.message).toMatch(/our fault/);
  });
});
