// The file the grader hands `docker-compose up`: the learner's services as the policy allowed them, with the
// sandbox's own terms written over them. Every service gets the run limits of an exercise's container, all
// capabilities dropped but the five a database image needs to step down from root to its own account (CHOWN,
// DAC_OVERRIDE, FOWNER, SETGID, SETUID), no-new-privileges, no restarts; images are the ones the grader built
// (never a `build:` Compose would run outside the grader's contained builder); each published port goes to the
// grader's address on a port the engine picks; named volumes are tmpfs of a bounded size; the one network has no
// masquerading, so nothing in the project has a route out; everything carries the grading's label.
import type { GraderLimits } from "@/grader/config";
import { labels } from "@/grader/sandbox/labels";
import { noMasquerade } from "@/grader/sandbox/sandbox-network";
import type { ComposePlan } from "./compose-policy";

export const stepDownCapabilities = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"] as const;

/** As the `healthy` check does for one container: every 250 ms, with the failure budget of a 1 s interval. */
const probeIntervalMs = 250;
const probesPerSecond = 1000 / probeIntervalMs;

export interface RewriteInput {
  plan: ComposePlan;
  gradingId: string;
  /** Service name → the image the grader built for it (services with `build`). */
  builtImages: ReadonlyMap<string, string>;
  publishHost: string;
  limits: GraderLimits & { composeVolumeBytes: number };
}

export function rewriteCompose(input: RewriteInput): Record<string, unknown> {
  const { plan, limits } = input;
  const label = { [labels.grading]: input.gradingId };
  const services: Record<string, unknown> = {};
  for (const s of plan.services) {
    const image = input.builtImages.get(s.name) ?? s.image;
    if (!image) throw new Error(`service ${s.name} has no image to run`);
    services[s.name] = {
      ...s.rest,
      image,
      ...(s.healthcheck ? { healthcheck: retimeHealthcheck(s.healthcheck, limits.readyTimeoutMs) } : {}),
      ports: s.ports.map((p) => `${input.publishHost}::${p.target}`),
      volumes: s.volumes.map((v) => `${v.volume}:${v.target}:${v.readOnly ? "ro" : "rw"}`),
      restart: "no",
      labels: label,
      mem_limit: limits.runMemoryBytes,
      memswap_limit: limits.runMemoryBytes,
      cpus: limits.runCpus,
      pids_limit: limits.runPids,
      shm_size: limits.runShmBytes,
      ulimits: { nofile: { soft: limits.openFiles, hard: limits.openFiles } },
      cap_drop: ["ALL"],
      cap_add: [...stepDownCapabilities],
      security_opt: ["no-new-privileges:true"],
    };
  }
  const volumes = Object.fromEntries(
    plan.volumes.map((v) => [v, { driver: "local", driver_opts: { type: "tmpfs", device: "tmpfs", o: `size=${limits.composeVolumeBytes}` }, labels: label }]),
  );
  return {
    version: "3.9",
    services,
    networks: { default: { driver_opts: { [noMasquerade]: "false" }, labels: label } },
    ...(plan.volumes.length > 0 ? { volumes } : {}),
  };
}

/** The learner's test at a 250 ms interval, 4× its retries, its timeout capped at 5 s. */
export function retimeHealthcheck(hc: Record<string, unknown>, readyTimeoutMs: number): Record<string, unknown> {
  if (hc.disable === true) return hc;
  const retries = typeof hc.retries === "number" && hc.retries > 0 ? hc.retries : 3;
  const timeout = Math.min(durationMs(hc.timeout) ?? 30_000, 5_000);
  const startPeriod = Math.min(durationMs(hc.start_period) ?? 0, readyTimeoutMs);
  return {
    test: hc.test,
    interval: `${probeIntervalMs}ms`,
    timeout: `${timeout}ms`,
    retries: retries * probesPerSecond,
    start_period: `${startPeriod}ms`,
  };
}

const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, ns: 0.000001 };

/** A Compose duration ("1m30s", "5s", "250ms") in milliseconds; null when it is not one. */
export function durationMs(value: unknown): number | null {
  if (typeof value === "number") return value * 1000;
  if (typeof value !== "string" || !/^(\d+(\.\d+)?(h|ms|m|s|us|ns))+$/.test(value)) return null;
  let total = 0;
  for (const [, n = "0", unit = "s"] of value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/g)) total += Number(n) * (unitMs[unit] ?? 0);
  return total;
}
