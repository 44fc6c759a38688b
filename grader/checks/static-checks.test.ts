// The static checks on real Dockerfiles (the lesson's own examples among them), no engine: what they need of
// the engine is a session whose image never built, so they judge the Dockerfile alone.
import { describe, expect, it } from "vitest";
import type { ExerciseSpec, FileMap } from "@/grader/contract";
import { checks } from "./index";
import { SkipCheck, type CheckOutcome, type GradingSession } from "./check";
import { parseDockerfile } from "./dockerfile-model";

const spec = (port: number | "expose" = 5000): ExerciseSpec => ({
  version: 1,
  slug: "t",
  title: "t",
  summary: "t",
  task: "t",
  checklist: ["t"],
  app: { port, env: {} },
  probe: { method: "GET", path: "/", expect: { status: 200 } },
  checks: [{ id: "build", required: true, hint: "h" }],
});

function session(files: FileMap, port: number | "expose" = 5000): GradingSession {
  const noEngine = () => Promise.reject(new SkipCheck("no engine in unit tests"));
  return {
    spec: spec(port),
    files,
    baselineFiles: undefined,
    dockerfile: files.Dockerfile === undefined ? null : parseDockerfile(files.Dockerfile),
    buildNetwork: "none",
    context: () => Promise.resolve({ sizeBytes: 0, paths: Object.keys(files), excluded: [] }),
    build: noEngine,
    image: noEngine,
    startApp: noEngine,
    app: noEngine,
    buildVariant: noEngine,
    buildAlso: noEngine,
    pipeline: noEngine,
    compose: noEngine,
    layerScan: () => Promise.resolve([]),
    recordBaseline: () => undefined,
  };
}

const run = (id: keyof typeof checks, files: FileMap, port?: number | "expose"): Promise<CheckOutcome> => Promise.resolve(checks[id].run(session(files, port)));

const flask = `FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV GREETING=Hello-from-container
EXPOSE 5000
CMD ["python", "app.py"]
`;

const node = `FROM node:18-alpine AS deps
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
FROM node:18-alpine
WORKDIR /app
ENV NODE_ENV=production GREETING=Hello-from-node
COPY --from=deps /app/node_modules ./node_modules
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
`;

const go = `FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -o app
FROM scratch
ENV GREETING=Hello-from-go
EXPOSE 8080
COPY --from=build /src/app /app
ENTRYPOINT ["/app"]
`;

const hardened = `FROM python:3.11-slim
RUN useradd --create-home app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER app
EXPOSE 5000
HEALTHCHECK --interval=10s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5000/')"
CMD ["python", "app.py"]
`;

describe("dockerfile-valid", () => {
  it("passes the lesson's examples", async () => {
    for (const d of [flask, node, go]) expect((await run("dockerfile-valid", { Dockerfile: d })).status).toBe("pass");
  });
  it("names the line of an unknown instruction", async () => {
    const r = await run("dockerfile-valid", { Dockerfile: "FROM busybox:1\nCOPPY . .\n" });
    expect(r.status).toBe("fail");
    expect(r.message).toMatch(/^Line 2: .*COPPY/);
  });
  it("fails without a Dockerfile or a FROM", async () => {
    expect((await run("dockerfile-valid", { "app.py": "" })).message).toMatch(/no file named Dockerfile/);
    expect((await run("dockerfile-valid", { Dockerfile: "RUN true\n" })).message).toMatch(/no FROM/);
  });
});

describe("user-non-root and healthcheck-declared", () => {
  it("passes a USER and HEALTHCHECK in the final stage", async () => {
    expect((await run("user-non-root", { Dockerfile: hardened })).status).toBe("pass");
    expect((await run("healthcheck-declared", { Dockerfile: hardened })).status).toBe("pass");
  });
  it("fails the lesson's first example, and USER root, and HEALTHCHECK NONE", async () => {
    expect((await run("user-non-root", { Dockerfile: flask })).status).toBe("fail");
    expect((await run("user-non-root", { Dockerfile: flask.replace("EXPOSE", "USER 0:0\nEXPOSE") })).message).toMatch(/root/);
    expect((await run("healthcheck-declared", { Dockerfile: flask })).status).toBe("fail");
    expect((await run("healthcheck-declared", { Dockerfile: `${hardened}HEALTHCHECK NONE\n` })).message).toMatch(/NONE/);
  });
  it("reads only the final stage", async () => {
    expect((await run("user-non-root", { Dockerfile: `FROM busybox:1 AS b\nUSER app\nFROM busybox:1\nCMD ["sh"]\n` })).status).toBe("fail");
  });
});

describe("dockerignore-covers", () => {
  it("passes the lesson's list and reports what is missing", async () => {
    expect((await run("dockerignore-covers", { Dockerfile: flask, ".dockerignore": "venv/\n.git/\nnode_modules/\n*.log\n.env\n" })).status).toBe("pass");
    const r = await run("dockerignore-covers", { Dockerfile: flask, ".dockerignore": "venv\n.git\n" });
    expect(r.status).toBe("fail");
    expect(r.evidence?.missing).toEqual(["node_modules/", "*.log", ".env"]);
    expect((await run("dockerignore-covers", { Dockerfile: flask })).status).toBe("fail");
  });
});

describe("base images", () => {
  it("base-image-slim follows the final stage back to its external base", async () => {
    expect((await run("base-image-slim", { Dockerfile: flask })).status).toBe("pass");
    expect((await run("base-image-slim", { Dockerfile: go })).status).toBe("pass");
    expect((await run("base-image-slim", { Dockerfile: "FROM python:3.11\nCMD [\"python\"]\n" })).status).toBe("fail");
    expect((await run("base-image-slim", { Dockerfile: "FROM python:3.11-slim AS base\nFROM base\nCMD [\"python\"]\n" })).status).toBe("pass");
  });
  it("base-image-pinned flags no tag and latest, not stage references or scratch", async () => {
    expect((await run("base-image-pinned", { Dockerfile: go })).status).toBe("pass");
    expect((await run("base-image-pinned", { Dockerfile: "FROM python\n" })).status).toBe("fail");
    expect((await run("base-image-pinned", { Dockerfile: "FROM python:latest\n" })).message).toMatch(/latest/);
    expect((await run("base-image-pinned", { Dockerfile: "FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n" })).status).toBe("pass");
  });
});

describe("dependencies", () => {
  it("pip-no-cache: --no-cache-dir passes, a bare pip install fails, no pip is a skip", async () => {
    expect((await run("pip-no-cache", { Dockerfile: flask })).status).toBe("pass");
    expect((await run("pip-no-cache", { Dockerfile: flask.replace("--no-cache-dir ", "") })).status).toBe("fail");
    expect((await run("pip-no-cache", { Dockerfile: go })).status).toBe("skip");
  });
  it("deps-pinned: == pins, lockfile with npm ci", async () => {
    expect((await run("deps-pinned", { Dockerfile: flask, "requirements.txt": "flask==2.2.2\n# a comment\n" })).status).toBe("pass");
    expect((await run("deps-pinned", { Dockerfile: flask, "requirements.txt": "flask>=2\nrequests\n" })).message).toMatch(/flask>=2, requests/);
    expect((await run("deps-pinned", { Dockerfile: node, "package.json": "{}", "package-lock.json": "{}" })).status).toBe("pass");
    expect((await run("deps-pinned", { Dockerfile: node, "package.json": "{}" })).message).toMatch(/package-lock/);
  });
  it("deps-before-source: static order (the proof by rebuild is an engine test)", async () => {
    const after = flask.replace("COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .", "COPY . .\nRUN pip install --no-cache-dir -r requirements.txt");
    const r = await run("deps-before-source", { Dockerfile: after });
    expect(r.status).toBe("fail");
    expect(r.evidence).toEqual({ installLine: 4, sourceCopyLine: 3 });
    expect((await run("deps-before-source", { Dockerfile: go })).status).toBe("pass");
    // The node example installs in its deps stage before any source copy; the final COPY . . comes after.
    await expect(run("deps-before-source", { Dockerfile: node })).rejects.toThrow(SkipCheck);
  });
});

describe("runtime configuration", () => {
  it("exec-form-cmd", async () => {
    expect((await run("exec-form-cmd", { Dockerfile: go })).status).toBe("pass");
    const r = await run("exec-form-cmd", { Dockerfile: "FROM busybox:1\nCMD httpd -f -p 80\n" });
    expect(r.status).toBe("fail");
    expect(r.message).toContain('CMD ["httpd","-f","-p","80"]');
  });
  it("expose-matches against the exercise's port or EXPOSE itself", async () => {
    expect((await run("expose-matches", { Dockerfile: flask }, 5000)).status).toBe("pass");
    expect((await run("expose-matches", { Dockerfile: flask }, 8080)).message).toMatch(/does not include 8080/);
    expect((await run("expose-matches", { Dockerfile: go }, "expose")).message).toMatch(/probes port 8080/);
    expect((await run("expose-matches", { Dockerfile: "FROM busybox:1\n" }, "expose")).status).toBe("fail");
  });
  it("no-secrets flags secret-looking ENV/ARG with values", async () => {
    expect((await run("no-secrets", { Dockerfile: flask })).status).toBe("pass");
    const r = await run("no-secrets", { Dockerfile: flask.replace("ENV GREETING", "ARG DB_PASSWORD=hunter2\nENV GREETING") });
    expect(r.status).toBe("fail");
    expect(r.message).toMatch(/DB_PASSWORD/);
  });
  it("multi-stage needs a COPY --from of an earlier stage", async () => {
    expect((await run("multi-stage", { Dockerfile: go })).status).toBe("pass");
    expect((await run("multi-stage", { Dockerfile: node })).status).toBe("pass");
    expect((await run("multi-stage", { Dockerfile: flask })).status).toBe("fail");
    expect((await run("multi-stage", { Dockerfile: "FROM busybox:1 AS a\nFROM busybox:1\nCOPY --from=busybox:1 /bin/sh /sh\n" })).status).toBe("fail");
  });
});
