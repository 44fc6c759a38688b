// The grader's configuration: the only reader of process.env in grader/. Every limit is a row of `configTable`
// with its env name, default, hard cap and why (house style "Config as a documented table"), so the README table
// and the validation cannot drift. Invalid config is fatal at start: a grader running with a limit it did not mean
// is worse than one that is down.
import { z } from "zod";
import { defaultUploadLimits } from "@/grader/contract/file-map-policy";
import { baseImageRecipes } from "@/grader/images/recipes";

interface LimitRow {
  env: string;
  default: number;
  min: number;
  /** Hard cap: an operator may raise the limit up to here, never past it. */
  max: number;
  unit: string;
  why: string;
}

export const limitTable = {
  concurrency: { env: "GRADER_CONCURRENCY", default: 2, min: 1, max: 16, unit: "gradings", why: "Gradings running at once; each build and container takes a CPU." },
  queueSize: { env: "GRADER_QUEUE_SIZE", default: 50, min: 0, max: 50, unit: "gradings", why: "Gradings waiting beyond that get 503 + Retry-After, so a burst cannot pile up unbounded work." },
  uploadMaxBytes: { env: "GRADER_UPLOAD_MAX_BYTES", default: defaultUploadLimits.uploadMaxBytes, min: 1024, max: 20 * 1024 * 1024, unit: "bytes", why: "Expanded size of a learner's files; a lesson app is a few KiB, more is a mistake or abuse." },
  uploadMaxFiles: { env: "GRADER_UPLOAD_MAX_FILES", default: defaultUploadLimits.uploadMaxFiles, min: 1, max: 1000, unit: "files", why: "Files per upload, bounding the tar and the per-file checks." },
  buildTimeoutMs: { env: "GRADER_BUILD_TIMEOUT_MS", default: 180_000, min: 5_000, max: 240_000, unit: "ms", why: "An endless RUN must not hold a build slot; the request is aborted and the build fails." },
  buildMemoryBytes: { env: "GRADER_BUILD_MEMORY_BYTES", default: 1024 * 1024 * 1024, min: 64 * 1024 * 1024, max: 4 * 1024 * 1024 * 1024, unit: "bytes", why: "Memory of each build step's container; pip and go builds fit, a memory bomb does not." },
  buildCpus: { env: "GRADER_BUILD_CPUS", default: 1, min: 0.1, max: 4, unit: "CPUs", why: "CPU share of a build step, so two gradings share two cores fairly." },
  buildPids: { env: "GRADER_BUILD_PIDS", default: 512, min: 32, max: 4096, unit: "processes", why: "Processes (threads included) of one build's steps, set on the build's cgroup parent; a fork bomb in RUN stops here. Go and pip builds stay far below." },
  buildDiskBytes: { env: "GRADER_BUILD_DISK_BYTES", default: 2 * 1024 * 1024 * 1024, min: 16 * 1024 * 1024, max: 16 * 1024 * 1024 * 1024, unit: "bytes", why: "What one build step may write (its container's writable layer, watched); past it the build is stopped and fails." },
  engineMinFreeBytes: { env: "GRADER_ENGINE_MIN_FREE_BYTES", default: 2 * 1024 * 1024 * 1024, min: 0, max: 64 * 1024 * 1024 * 1024, unit: "bytes", why: "Free space the engine's disk keeps; a build that brings it below is stopped, and none starts below it (verdict error: our fault)." },
  openFiles: { env: "GRADER_OPEN_FILES", default: 1024, min: 64, max: 65536, unit: "files", why: "Open files per process (nofile ulimit) in build steps and the learner's container." },
  buildLogMaxBytes: { env: "GRADER_BUILD_LOG_MAX_BYTES", default: 1024 * 1024, min: 4096, max: 8 * 1024 * 1024, unit: "bytes", why: "Build output streamed to the learner; beyond it a visible truncation notice, the build goes on." },
  runMemoryBytes: { env: "GRADER_RUN_MEMORY_BYTES", default: 256 * 1024 * 1024, min: 16 * 1024 * 1024, max: 2 * 1024 * 1024 * 1024, unit: "bytes", why: "Memory of the learner's container (no swap); a hog is OOM-killed and shown as such." },
  runCpus: { env: "GRADER_RUN_CPUS", default: 1, min: 0.1, max: 4, unit: "CPUs", why: "CPU of the learner's container." },
  runPids: { env: "GRADER_RUN_PIDS", default: 128, min: 16, max: 1024, unit: "processes", why: "Process limit; a fork bomb stops here instead of taking the host down." },
  runShmBytes: { env: "GRADER_RUN_SHM_BYTES", default: 64 * 1024 * 1024, min: 1024 * 1024, max: 512 * 1024 * 1024, unit: "bytes", why: "Size of the container's /dev/shm; filling it fails with ENOSPC instead of eating the host's memory." },
  runDiskBytes: { env: "GRADER_RUN_DISK_BYTES", default: 256 * 1024 * 1024, min: 1024 * 1024, max: 8 * 1024 * 1024 * 1024, unit: "bytes", why: "What the learner's container may write to its file system (writable layer, watched); past it the container is stopped." },
  readyTimeoutMs: { env: "GRADER_READY_TIMEOUT_MS", default: 30_000, min: 1_000, max: 120_000, unit: "ms", why: "Time for the container to become healthy (or open its port) before the runtime checks judge it." },
  probeTimeoutMs: { env: "GRADER_PROBE_TIMEOUT_MS", default: 5_000, min: 500, max: 30_000, unit: "ms", why: "One HTTP probe or exec in the container." },
  gradingTimeoutMs: { env: "GRADER_GRADING_TIMEOUT_MS", default: 300_000, min: 10_000, max: 600_000, unit: "ms", why: "The whole grading, all builds included; past it the grading ends as error and is cleaned up." },
  imageCacheCount: { env: "GRADER_IMAGE_CACHE_COUNT", default: 20, min: 0, max: 500, unit: "images", why: "Grading images kept (LRU) for baselines and layer cache; 0 removes each grading's images at its end." },
  imageCacheBytes: { env: "GRADER_IMAGE_CACHE_BYTES", default: 4 * 1024 * 1024 * 1024, min: 0, max: 64 * 1024 * 1024 * 1024, unit: "bytes", why: "Disk the kept grading images may take (sum of their sizes); the oldest go first." },
  keepAliveMs: { env: "GRADER_KEEPALIVE_MS", default: 10_000, min: 100, max: 30_000, unit: "ms", why: "Silence after which a grading's event stream sends an empty keep-alive line, so no client or proxy idle timeout cuts a grading that waits in the queue or in a quiet build step (the web gives up after 60 s of silence)." },
  composeMaxServices: { env: "GRADER_COMPOSE_MAX_SERVICES", default: 4, min: 1, max: 8, unit: "services", why: "Services a Compose project may define; each is a container with the run limits, so this bounds a project's memory and CPU." },
  composeVolumeBytes: { env: "GRADER_COMPOSE_VOLUME_BYTES", default: 128 * 1024 * 1024, min: 16 * 1024 * 1024, max: 1024 * 1024 * 1024, unit: "bytes", why: "Size of each named volume of a Compose project (a tmpfs, counted in the container's memory): a database fits, a disk filler stops with ENOSPC." },
  leftoverSweepMs: { env: "GRADER_LEFTOVER_SWEEP_MS", default: 60_000, min: 1_000, max: 3_600_000, unit: "ms", why: "How often the service removes its own containers, networks and volumes that no running grading holds: an engine that drops the connection while it creates one may still make it after the grading's cleanup has looked for it." },
  shutdownGraceMs: { env: "GRADER_SHUTDOWN_GRACE_MS", default: 30_000, min: 0, max: 300_000, unit: "ms", why: "On SIGTERM, time running gradings get to finish before they are aborted and cleaned up." },
  pipelineStepsMax: { env: "GRADER_PIPELINE_STEPS_MAX", default: 32, min: 1, max: 100, unit: "steps", why: "Steps of a tag-and-push pipeline file; a release takes about ten (a build, four tags, four pushes). A longer file is refused before anything runs." },
  pipelineVariablesMax: { env: "GRADER_PIPELINE_VARIABLES_MAX", default: 16, min: 0, max: 64, unit: "variables", why: "Variables a pipeline file defines under env: (VERSION and the like); more is refused before anything runs." },
} as const satisfies Record<string, LimitRow>;

export type LimitName = keyof typeof limitTable;

export const settingTable = {
  name: { env: "GRADER_NAME", default: "grader", why: "This grader's name on its engine; it prunes and trims only containers, networks and images carrying it." },
  port: { env: "GRADER_PORT", default: "4000", why: "TCP port of the HTTP service." },
  host: { env: "GRADER_HOST", default: "127.0.0.1", why: "Address the service binds; loopback unless it runs behind a Service." },
  token: { env: "GRADER_TOKEN", default: "(required to serve)", why: "Bearer token the web sends; at least 16 characters. The CLI does not need it." },
  dockerHost: { env: "DOCKER_HOST", default: "unix:///var/run/docker.sock", why: "The engine to grade on: unix://path or tcp://host:port (a dedicated dind engine in production)." },
  buildNetwork: { env: "GRADER_BUILD_NETWORK", default: "none", why: "Network mode of RUN steps. Whatever it says, `ADD <url>` and images not offered are refused before the build: the engine would fetch them itself." },
  offeredImages: { env: "GRADER_OFFERED_IMAGES", default: baseImageRecipes.map((r) => r.name).join(","), why: "Comma-separated images a Dockerfile may name in FROM or COPY --from; the grader never pulls, so each must be on the engine (one missing is our fault: verdict error)." },
  cgroupFs: { env: "GRADER_CGROUP_FS", default: "/sys/fs/cgroup", why: "The engine's cgroup filesystem as the grader sees it; where writable, each build's pids limit is set on its cgroup parent before any step runs (otherwise on each step's container as the watchdog finds it)." },
  publishHost: { env: "GRADER_PUBLISH_HOST", default: "127.0.0.1", why: "Address of the engine's host the learner's port is published on: its loopback when the grader shares it, else an address only the grader's network reaches (compose: the engine on its internal probe network)." },
  probeVia: { env: "GRADER_PROBE_VIA", default: "published", why: "published: probe the port published on 127.0.0.1; container-ip: probe the container's address (grader on the sandbox network)." },
  registryBinary: { env: "GRADER_REGISTRY_BINARY", default: "/usr/bin/docker-registry", why: "Debian's docker-registry on the grader's host: the tag-and-push project's throwaway registry image is made from it and the libraries it links (apt-get install docker-registry)." },
  composeBinary: { env: "GRADER_COMPOSE_BIN", default: "docker-compose", why: "Compose (Debian's docker-compose 1.29) that reads a project's compose.yaml and brings it up; the grader's image needs it for Compose projects." },
  logLevel: { env: "GRADER_LOG_LEVEL", default: "info", why: "pino level of the service log." },
  baseImages: {
    env: "GRADER_BASE_IMAGES",
    default: "kit",
    why: "How the service makes the lessons' base images its engine lacks, in the background at start, one at a time: kit builds offline stand-ins (needs root, debootstrap, busybox-static), pull pulls the real ones from the engine's registry, off leaves it to an operator. Gradings that need an image being made wait for it.",
  },
} as const;

function limitSchema(row: LimitRow) {
  return z.coerce
    .number({ error: `${row.env} must be a number (${row.unit})` })
    .min(row.min, `${row.env} must be at least ${row.min} ${row.unit}`)
    .max(row.max, `${row.env} is capped at ${row.max} ${row.unit}`)
    .default(row.default);
}

const limitsSchema = z.object(
  Object.fromEntries(Object.entries(limitTable).map(([name, row]) => [name, limitSchema(row)])) as {
    [K in LimitName]: ReturnType<typeof limitSchema>;
  },
);

const dockerHostSchema = z
  .string()
  .regex(/^(unix:\/\/\/.+|tcp:\/\/[^/]+:\d+\/?)$/, "DOCKER_HOST must look like unix:///var/run/docker.sock or tcp://host:2375")
  .default(settingTable.dockerHost.default);

const settingsSchema = z.object({
  name: z.string().regex(/^[a-z0-9]{1,20}$/, "GRADER_NAME must be 1–20 lowercase letters or digits").default("grader"),
  port: z.coerce.number().int().min(1).max(65535).default(4000),
  host: z.string().min(1).default(settingTable.host.default),
  token: z.string().min(16, "GRADER_TOKEN must be at least 16 characters").optional(),
  dockerHost: dockerHostSchema,
  buildNetwork: z.enum(["none", "bridge", "default"], { error: "GRADER_BUILD_NETWORK must be none, bridge or default" }).default("none"),
  offeredImages: z
    .string()
    .default(settingTable.offeredImages.default)
    .transform((list) => list.split(",").map((s) => s.trim()).filter((s) => s !== ""))
    .refine((list) => list.length > 0, "GRADER_OFFERED_IMAGES must name at least one image"),
  cgroupFs: z.string().regex(/^\//, "GRADER_CGROUP_FS must be an absolute path").default(settingTable.cgroupFs.default),
  publishHost: z.ipv4({ error: "GRADER_PUBLISH_HOST must be an IPv4 address" }).default(settingTable.publishHost.default),
  probeVia: z.enum(["published", "container-ip"], { error: "GRADER_PROBE_VIA must be published or container-ip" }).default("published"),
  registryBinary: z.string().regex(/^\//, "GRADER_REGISTRY_BINARY must be an absolute path").default(settingTable.registryBinary.default),
  composeBinary: z.string().min(1).default(settingTable.composeBinary.default),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  baseImages: z.enum(["kit", "pull", "off"], { error: "GRADER_BASE_IMAGES must be kit, pull or off" }).default("kit"),
});

export type GraderLimits = z.infer<typeof limitsSchema>;
export type GraderSettings = z.infer<typeof settingsSchema>;
export type GraderConfig = GraderSettings & { limits: GraderLimits };

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

function pick(env: Env, names: Record<string, { env: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, row] of Object.entries(names)) {
    const value = env[row.env];
    if (value !== undefined && value !== "") out[key] = value;
  }
  return out;
}

/** Parses the grader's config from an env map; throws ConfigError naming every bad variable. */
export function parseConfig(env: Env, opts: { requireToken: boolean }): GraderConfig {
  const limits = limitsSchema.safeParse(pick(env, limitTable));
  const settings = settingsSchema.safeParse(pick(env, settingTable));
  const problems = [...(limits.error?.issues ?? []), ...(settings.error?.issues ?? [])].map((i) => i.message);
  if (settings.success && opts.requireToken && !settings.data.token) problems.push("GRADER_TOKEN is required to serve (at least 16 characters)");
  if (problems.length > 0 || !limits.success || !settings.success) throw new ConfigError(`invalid grader config: ${problems.join("; ")}`);
  return { ...settings.data, limits: limits.data };
}

export function loadConfig(opts: { requireToken: boolean }): GraderConfig {
  return parseConfig(process.env, opts);
}

/** The README's configuration table, generated from the same rows the code validates against. */
export function configTableMarkdown(): string {
  const lines = ["| env | default | hard cap | why |", "|---|---|---|---|"];
  for (const row of Object.values(settingTable)) lines.push(`| \`${row.env}\` | \`${row.default}\` | — | ${row.why} |`);
  for (const row of Object.values(limitTable)) lines.push(`| \`${row.env}\` | ${row.default} ${row.unit} | ${row.max} | ${row.why} |`);
  return lines.join("\n");
}
