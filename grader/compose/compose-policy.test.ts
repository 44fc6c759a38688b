// The Compose policy on files as Debian's docker-compose 1.29 really normalises them (no engine needed: `config`
// never contacts one), the screen before it, and the file the grader hands `up`.
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/grader/config";
import { readFileTree } from "@/grader/files-on-disk";
import type { FileMap } from "@/grader/contract";
import { makeProjectDir, normalizeCompose, removeProjectDir, screenRawCompose } from "./compose-file";
import { decideComposePolicy, type PolicyDecision } from "./compose-policy";
import { rewriteCompose } from "./compose-rewrite";

const config = parseConfig({}, { requireToken: false });
const limits = { maxServices: config.limits.composeMaxServices, maxPortsPerService: 4 };
const dirs: string[] = [];
const solution = "content/containers/dockerize-a-service/exercises/compose-sidecar/solution";

afterAll(async () => {
  await Promise.all(dirs.map(removeProjectDir));
});

async function decide(files: FileMap, env: Record<string, string> = { DB_PASSWORD: "from-the-grader" }): Promise<PolicyDecision & { normalized?: unknown }> {
  const dir = await makeProjectDir("unit");
  dirs.push(dir);
  const read = await normalizeCompose({ files, file: "compose.yaml", env, composeBinary: config.composeBinary, signal: AbortSignal.timeout(20_000) }, dir);
  if (!read.ok) return read;
  return { ...decideComposePolicy(read.normalized, dir, config.offeredImages, limits), normalized: read.normalized };
}

const service = (lines: string) => ({ "compose.yaml": `services:\n  api:\n${lines.includes("image:") ? "" : "    image: busybox\n"}${lines}\n` });

describe("reading compose.yaml with Compose", () => {
  it("accepts the reference project: the API built from ./api, postgres:15 as it is, the password from the grader", async () => {
    const decided = await decide(await readFileTree(solution));
    if (!decided.ok) throw new Error(decided.problems.join("\n"));
    const [api, db] = decided.plan.services;
    expect(api).toMatchObject({ name: "api", buildContext: "api", ports: [{ target: 8000 }], dependsOn: { db: { condition: "service_healthy" } } });
    expect(api?.environment.PGPASSWORD).toBe("from-the-grader");
    expect(db).toMatchObject({ name: "db", buildContext: null, image: "postgres:15", ports: [], volumes: [{ volume: "db-data", target: "/var/lib/postgresql/data", readOnly: false }] });
    expect(db?.environment.POSTGRES_PASSWORD).toBe("from-the-grader");
    expect(decided.plan.volumes).toEqual(["db-data"]);
  });

  it("interpolates nothing of the grader's own environment and reads no .env of the submission", async () => {
    process.env.SHIPSHAPE_H18B_PROBE = "the grader's secret";
    const decided = await decide({
      ...service("    environment:\n      A: ${SHIPSHAPE_H18B_PROBE:-unset}\n      B: ${HOME}\n      C: ${DB_PASSWORD}"),
      ".env": "DB_PASSWORD=from-the-file\nSHIPSHAPE_H18B_PROBE=from-the-file\n",
    });
    delete process.env.SHIPSHAPE_H18B_PROBE;
    if (!decided.ok) throw new Error(decided.problems.join("\n"));
    const env = decided.plan.services[0]?.environment ?? {};
    expect(env.A).toBe("unset");
    expect(env.B).not.toContain("/root");
    expect(env.C).toBe("from-the-grader");
  });

  it("says what Compose itself could not read", async () => {
    const decided = await decide(service("    environment:\n      P: ${DB_PASSWORD:?set DB_PASSWORD}"), {});
    expect(decided.ok).toBe(false);
    if (!decided.ok) expect(decided.problems.join(" ")).toMatch(/set DB_PASSWORD/);
  });
});

describe("the screen before Compose reads anything", () => {
  it.each([
    ["env_file", "    env_file: /etc/shadow", /env_file is not read/],
    ["extends", "    extends:\n      file: /etc/passwd\n      service: x", /extends would read another file/],
    ["a build context above the submission", "    build: ../..", /must be a folder of your submission/],
    ["an absolute build context", "    build:\n      context: /etc", /must be a folder of your submission/],
    ["an interpolated build context", "    build: ${HOME}", /must be a folder of your submission/],
  ])("refuses %s", (_what, lines, message) => {
    expect(screenRawCompose(service(lines)["compose.yaml"]).join(" ")).toMatch(message);
  });

  it("refuses a file whose aliases would expand without bound", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`), "services: { api: { image: busybox } }"].join("\n");
    expect(screenRawCompose(bomb).join(" ")).toMatch(/could not be read|not valid YAML/);
  });
});

describe("the policy on the normalised file", () => {
  it.each([
    ["privileged", "    privileged: true", /privileged.*every capability/],
    ["host network", "    network_mode: host", /network_mode/],
    ["host pid", "    pid: host", /process table/],
    ["host ipc", "    ipc: host", /ipc/],
    ["devices", "    devices: [\"/dev/sda:/dev/sda\"]", /devices/],
    ["cap_add", "    cap_add: [SYS_ADMIN]", /cap_add/],
    ["security_opt", "    security_opt: [\"seccomp:unconfined\"]", /seccomp/],
    ["sysctls", "    sysctls: { net.ipv4.ip_forward: \"1\" }", /kernel settings/],
    ["a bind mount", "    volumes: [\"/:/host\"]", /folder of the host/],
    ["a relative bind mount", "    volumes: [\"./data:/data\"]", /folder of the host/],
    ["scale", "    scale: 1000", /runs once/],
    ["deploy replicas", "    deploy: { replicas: 1000 }", /runs once/],
    ["an image the grader does not offer", "    image: registry.example/evil:1", /not one the grader offers/],
    ["a UDP port", "    ports: [\"53:53/udp\"]", /single TCP port/],
    ["many ports", "    ports: [\"1000-1100:1000-1100\"]", /at most 4/],
    ["a fixed container name", "    container_name: grader", /collide/],
    ["cgroup_parent", "    cgroup_parent: /", /out of the sandbox/],
  ])("refuses %s", async (_what, lines, message) => {
    const decided = await decide(service(lines));
    expect(decided.ok).toBe(false);
    if (!decided.ok) expect(decided.problems.join(" ")).toMatch(message);
  });

  it("refuses custom networks, volumes with their own driver, and too many services", async () => {
    const networks = await decide({ "compose.yaml": "services:\n  api:\n    image: busybox\nnetworks:\n  outside:\n    external: true\n" });
    const volumes = await decide({ "compose.yaml": "services:\n  api:\n    image: busybox\n    volumes: [\"v:/v\"]\nvolumes:\n  v:\n    driver_opts: { type: none, o: bind, device: / }\n" });
    const many = await decide({ "compose.yaml": `services:\n${Array.from({ length: 9 }, (_, i) => `  s${i}:\n    image: busybox\n`).join("")}` });
    for (const [decided, message] of [[networks, /networks/], [volumes, /grader makes every named volume/], [many, /at most 4/]] as const) {
      expect(decided.ok).toBe(false);
      if (!decided.ok) expect(decided.problems.join(" ")).toMatch(message);
    }
  });
});

describe("the file the grader runs", () => {
  it("keeps the learner's services under the sandbox's terms", async () => {
    const decided = await decide(await readFileTree(solution));
    if (!decided.ok) throw new Error(decided.problems.join("\n"));
    const file = rewriteCompose({
      plan: decided.plan,
      gradingId: "unit-1",
      builtImages: new Map([["api", "shipshape-grading/unit-1:variant-1"]]),
      publishHost: "127.0.0.1",
      limits: config.limits,
    }) as { services: Record<string, Record<string, unknown>>; networks: Record<string, unknown>; volumes: Record<string, unknown> };
    const api = file.services.api ?? {};
    expect(api).toMatchObject({
      image: "shipshape-grading/unit-1:variant-1",
      ports: ["127.0.0.1::8000"],
      restart: "no",
      cap_drop: ["ALL"],
      cap_add: ["CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"],
      security_opt: ["no-new-privileges:true"],
      mem_limit: config.limits.runMemoryBytes,
      pids_limit: config.limits.runPids,
      labels: { "shipshape.grading": "unit-1" },
    });
    expect(api.build).toBeUndefined();
    expect(api.healthcheck).toMatchObject({ interval: "250ms", retries: 20 });
    expect(file.services.db?.volumes).toEqual(["db-data:/var/lib/postgresql/data:rw"]);
    expect(file.volumes["db-data"]).toMatchObject({ driver_opts: { type: "tmpfs", o: `size=${config.limits.composeVolumeBytes}` } });
    expect(file.networks.default).toMatchObject({ driver_opts: { "com.docker.network.bridge.enable_ip_masquerade": "false" } });
  });
});
