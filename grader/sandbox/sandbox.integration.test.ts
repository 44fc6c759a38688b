// The run-time sandbox as the engine sees it (DESIGN §5): limits, dropped capabilities, no masquerading on the
// grading's network, a port published on 127.0.0.1 only, the learner's healthcheck re-timed, and both ways
// the grader can reach the app (GRADER_PROBE_VIA).
// Isolation is asserted on the engine's own settings; no traffic leaves this machine.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureTestBaseImage, requireEngine, testDocker } from "@/grader/test-support/test-base-image";
import { AppContainer, retimedHealthcheck } from "./app-container";
import { noMasquerade, createSandboxNetwork, type SandboxNetwork } from "./sandbox-network";
import { connectDocker } from "./docker-client";
import { loadConfig } from "@/grader/config";
import { pruneLeftovers, removeImage } from "./image-store";
import { buildImage } from "./build-image";
import { packContext } from "./build-context";

const grading = `sandboxtest-${process.pid}`;
const image = "shipshape-test/sandbox-app:dev";
const config = loadConfig({ requireToken: false });
const limits = { ...config.limits, runMemoryBytes: 256 * 1024 * 1024, runCpus: 1, runPids: 128, probeTimeoutMs: 5000 };
let network: SandboxNetwork;
let app: AppContainer;

beforeAll(async () => {
  await requireEngine();
  await ensureTestBaseImage();
  const docker = connectDocker(config.dockerHost);
  // Serves /etc over HTTP, so GET /hostname answers with the container's own hostname.
  const context = await packContext({ Dockerfile: 'FROM shipshape-test/busybox:dev\nCMD ["httpd", "-f", "-p", "5000", "-h", "/etc"]\n' });
  const built = await buildImage(docker, {
    context: context.tar,
    tag: image,
    network: "none",
    limits: { ...config.limits, buildTimeoutMs: 60_000, buildMemoryBytes: 256 * 1024 * 1024 },
    cgroupFs: config.cgroupFs,
    signal: new AbortController().signal,
    logBudget: { remaining: 65536, truncated: false },
  });
  if (!built.ok) throw new Error(built.message);
  network = await createSandboxNetwork(docker, grading);
  app = await AppContainer.start(docker, {
    image,
    gradingId: grading,
    name: `shipshape-${grading}-app`,
    network: network.name,
    port: 5000,
    publishHost: config.publishHost,
    env: { GREETING: "hi" },
    healthcheck: retimedHealthcheck({ Test: ["CMD-SHELL", "true"], Interval: 30e9, Retries: 3 }, 30_000),
    readyTimeoutMs: 30_000,
    limits,
  });
});

afterAll(async () => {
  await app?.remove();
  await network?.remove();
  await removeImage(testDocker(), image);
});

it("runs the container with the run limits and no privileges", async () => {
  const info = await testDocker().getContainer(`shipshape-${grading}-app`).inspect();
  expect(info.HostConfig).toMatchObject({ Memory: 256 * 1024 * 1024, MemorySwap: 256 * 1024 * 1024, NanoCpus: 1e9, PidsLimit: 128, CapDrop: ["ALL"], SecurityOpt: ["no-new-privileges"] });
  expect(info.HostConfig).toMatchObject({ ShmSize: config.limits.runShmBytes, Ulimits: [{ Name: "nofile", Soft: config.limits.openFiles, Hard: config.limits.openFiles }] });
  const bindings = info.HostConfig.PortBindings as Record<string, { HostIp: string; HostPort: string }[]> | undefined;
  expect(bindings?.["5000/tcp"]).toEqual([{ HostIp: "127.0.0.1", HostPort: "" }]);
  expect(info.NetworkSettings.Ports["5000/tcp"]?.every((b) => b.HostIp === "127.0.0.1")).toBe(true);
  // Probed more often than every second, yet failing for as long as 3 retries at 1 s before it is unhealthy.
  const hc = info.Config.Healthcheck as { Interval: number; Retries: number };
  expect(hc.Interval).toBeLessThan(1e9);
  expect(hc.Interval * hc.Retries).toBe(3e9);
  expect(info.Config.Labels?.["shipshape.grading"]).toBe(grading);
});

it("puts it on its own bridge network without masquerading (no NAT out of the machine)", async () => {
  const info = (await testDocker().getNetwork(network.name).inspect()) as { Driver: string; Internal: boolean; Options: Record<string, string>; Containers: Record<string, unknown> };
  expect(info.Driver).toBe("bridge");
  expect(info.Options[noMasquerade]).toBe("false");
  expect(Object.keys(info.Containers)).toHaveLength(1);
});

it("reaches the app on its 127.0.0.1 publication and on its own address on the grading's bridge", async () => {
  const hostname = (await testDocker().getContainer(`shipshape-${grading}-app`).inspect()).Config.Hostname;
  const published = await app.address("published");
  expect(published?.host).toBe("127.0.0.1");
  expect(published?.port).not.toBe(5000);
  const own = await app.address("container-ip");
  const subnet = ((await testDocker().getNetwork(network.name).inspect()) as { IPAM: { Config: { Subnet: string }[] } }).IPAM.Config[0]?.Subnet ?? "";
  expect(own?.port).toBe(5000);
  expect(own?.host.split(".").slice(0, 2)).toEqual(subnet.split(".").slice(0, 2));
  for (const addr of [published, own]) {
    const res = await fetch(`http://${addr?.host}:${addr?.port}/hostname`, { signal: AbortSignal.timeout(5000) });
    expect((await res.text()).trim()).toBe(hostname);
  }
});

it("execs in the container and reads its state", async () => {
  const id = await app.exec(["id", "-u"]);
  expect(id).toMatchObject({ exitCode: 0, timedOut: false });
  expect((await app.state()).running).toBe(true);
});

it("the start-up sweep removes only this grader's leftovers", async () => {
  const docker = testDocker();
  const other = await docker.createContainer({ Image: "shipshape-test/busybox:dev", Cmd: ["true"], Labels: { "shipshape.grading": `othergrader-${process.pid}` } });
  try {
    const swept = await pruneLeftovers(docker, "sandboxtest");
    expect(swept).toEqual({ containers: 1, networks: 1, volumes: 0 });
    await expect(docker.getContainer(`shipshape-${grading}-app`).inspect()).rejects.toThrow();
    await expect(other.inspect()).resolves.toBeTruthy();
  } finally {
    await other.remove({ force: true });
  }
});
