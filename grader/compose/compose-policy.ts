// What a learner's Compose project may ask of the sandbox (DESIGN §5), decided on the file Compose itself
// normalised (`docker-compose config`, compose-file.ts) and before anything runs. An allow-list: a key this file
// does not name is refused, so a Compose feature added later cannot slip past it. What is allowed is then run
// only as the grader rewrites it (compose-rewrite.ts): its own limits, ports on the grader's address only,
// volumes the grader bounds, one network of its own.
import path from "node:path/posix";

/** Service keys a project may use; everything else is refused, the dangerous ones with their own sentence. */
const allowedServiceKeys = new Set([
  "build",
  "image",
  "command",
  "entrypoint",
  "environment",
  "healthcheck",
  "depends_on",
  "ports",
  "expose",
  "volumes",
  "working_dir",
  "user",
  "restart",
  "stop_signal",
  "stop_grace_period",
  "init",
]);

const refusedBecause: Record<string, string> = {
  privileged: "privileged: true would give the container the host's devices and every capability",
  network_mode: "network_mode would put the service on the host's network or another container's",
  networks: "the grader gives the project one network of its own; custom networks are not allowed here",
  pid: "pid would share the host's (or another container's) process table",
  ipc: "ipc would share the host's (or another container's) memory",
  userns_mode: "userns_mode would leave the engine's user namespace",
  uts: "uts would share the host's hostname namespace",
  devices: "devices would hand host devices to the container",
  device_cgroup_rules: "device_cgroup_rules would open host devices to the container",
  cap_add: "cap_add would give the container capabilities the sandbox drops",
  cap_drop: "the grader sets the capabilities itself",
  security_opt: "security_opt would loosen the container's seccomp, AppArmor or no-new-privileges",
  sysctls: "sysctls would change kernel settings",
  cgroup_parent: "cgroup_parent would move the container out of the sandbox's limits",
  volumes_from: "volumes_from would reach another container's files",
  extra_hosts: "extra_hosts would point names at addresses outside the project",
  dns: "dns would send lookups to a server outside the project",
  container_name: "a fixed container_name would collide with other gradings; let Compose name containers",
  scale: "each service runs once here",
  deploy: "deploy (replicas, resources) is the grader's to set; each service runs once here",
  mem_limit: "the grader sets memory itself",
  cpus: "the grader sets CPU itself",
  pids_limit: "the grader sets the process limit itself",
  ulimits: "the grader sets ulimits itself",
  tmpfs: "tmpfs mounts are not allowed here; use a named volume",
  env_file: "env_file is not read here: the grader passes the environment (see the task)",
  extends: "extends would read another file",
  labels: "labels are the grader's to set",
  logging: "logging drivers are the grader's to choose",
  external_links: "external_links would reach containers outside the project",
  links: "links are not needed: services reach each other by name on the project's network",
};

const allowedBuildKeys = new Set(["context", "dockerfile"]);
const allowedHealthcheckKeys = new Set(["test", "interval", "timeout", "retries", "start_period", "disable"]);
const allowedTopKeys = new Set(["version", "services", "volumes"]);

export interface ComposeLimits {
  maxServices: number;
  maxPortsPerService: number;
}

export interface ServicePort {
  target: number;
}

export interface ServicePlan {
  name: string;
  /** The submission's folder to build, relative to its root ("" = the root), or null when `image` runs as is. */
  buildContext: string | null;
  image: string | null;
  ports: ServicePort[];
  /** Named volume → mount path. */
  volumes: { volume: string; target: string; readOnly: boolean }[];
  /** The normalised service with build, ports and volumes taken out; the rewrite adds the grader's own. */
  rest: Record<string, unknown>;
  environment: Record<string, string>;
  healthcheck: Record<string, unknown> | null;
  dependsOn: Record<string, { condition: string }>;
}

export interface ComposePlan {
  services: ServicePlan[];
  volumes: string[];
}

export type PolicyDecision = { ok: true; plan: ComposePlan } | { ok: false; problems: string[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `normalized` is what `docker-compose config` printed, parsed; `projectDir` the absolute folder it ran in, where
 * the submission's files were written; `offered` the images a service may run without building.
 */
export function decideComposePolicy(normalized: unknown, projectDir: string, offered: readonly string[], limits: ComposeLimits): PolicyDecision {
  const problems: string[] = [];
  if (!isRecord(normalized) || !isRecord(normalized.services)) return { ok: false, problems: ["The file defines no services."] };
  for (const key of Object.keys(normalized)) {
    if (!allowedTopKeys.has(key) && !key.startsWith("x-")) problems.push(`Top-level "${key}" is not allowed here: ${key === "networks" ? refusedBecause.networks : "only services and volumes are"}.`);
  }
  const volumeDefs = isRecord(normalized.volumes) ? normalized.volumes : {};
  for (const [name, def] of Object.entries(volumeDefs)) {
    if (isRecord(def) && Object.keys(def).length > 0) problems.push(`Volume "${name}" may not set ${Object.keys(def).join(", ")}: the grader makes every named volume itself.`);
  }
  const entries = Object.entries(normalized.services);
  if (entries.length > limits.maxServices) problems.push(`The project defines ${entries.length} services; at most ${limits.maxServices} run here.`);
  const services: ServicePlan[] = [];
  for (const [name, raw] of entries) {
    if (!isRecord(raw)) {
      problems.push(`Service "${name}" is not a mapping.`);
      continue;
    }
    const service = decideService(name, raw, projectDir, offered, new Set(Object.keys(volumeDefs)), limits, problems);
    if (service) services.push(service);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plan: { services, volumes: Object.keys(volumeDefs) } };
}

function decideService(
  name: string,
  raw: Record<string, unknown>,
  projectDir: string,
  offered: readonly string[],
  namedVolumes: ReadonlySet<string>,
  limits: ComposeLimits,
  problems: string[],
): ServicePlan | null {
  const before = problems.length;
  const where = `Service "${name}"`;
  for (const key of Object.keys(raw)) {
    if (allowedServiceKeys.has(key) || key.startsWith("x-")) continue;
    problems.push(`${where}: "${key}" is not allowed here${refusedBecause[key] ? `: ${refusedBecause[key]}` : ""}.`);
  }

  let buildContext: string | null = null;
  if (raw.build !== undefined) {
    const build = isRecord(raw.build) ? raw.build : { context: raw.build };
    for (const key of Object.keys(build)) if (!allowedBuildKeys.has(key)) problems.push(`${where}: build.${key} is not allowed here; only context and dockerfile are.`);
    const context = typeof build.context === "string" ? build.context : "";
    const relative = path.relative(projectDir, context);
    if (!path.isAbsolute(context) || relative.startsWith("..") || path.isAbsolute(relative)) {
      problems.push(`${where}: build.context must be a folder of your submission (got "${context}").`);
    } else buildContext = relative;
    if (build.dockerfile !== undefined && build.dockerfile !== "Dockerfile") problems.push(`${where}: name the file Dockerfile in its build folder (build.dockerfile ${JSON.stringify(build.dockerfile)} is not supported here).`);
  }
  const image = typeof raw.image === "string" ? raw.image : null;
  if (buildContext === null && raw.build === undefined) {
    if (!image) problems.push(`${where} has neither build nor image.`);
    else if (!offered.includes(image)) problems.push(`${where}: image "${image}" is not one the grader offers (${offered.join(", ")}); it never pulls.`);
  }

  const ports: ServicePort[] = [];
  const rawPorts = Array.isArray(raw.ports) ? raw.ports : [];
  if (rawPorts.length > limits.maxPortsPerService) problems.push(`${where} publishes ${rawPorts.length} ports; at most ${limits.maxPortsPerService} here.`);
  for (const p of rawPorts.slice(0, limits.maxPortsPerService)) {
    const target = isRecord(p) ? p.target : undefined;
    const protocol = isRecord(p) ? (p.protocol ?? "tcp") : undefined;
    if (typeof target !== "number" || !Number.isInteger(target) || target < 1 || target > 65535 || protocol !== "tcp") problems.push(`${where}: port ${JSON.stringify(p)} is not a single TCP port.`);
    else ports.push({ target });
  }

  const volumes: ServicePlan["volumes"] = [];
  for (const v of Array.isArray(raw.volumes) ? raw.volumes : []) {
    // docker-compose 1.29 prints each mount as "source:target[:mode]"; a host path comes out absolute.
    const [source = "", target = "", mode = "rw", ...more] = typeof v === "string" ? v.split(":") : [];
    if (typeof v !== "string" || more.length > 0 || !target.startsWith("/")) problems.push(`${where}: volume ${JSON.stringify(v)} is not a named volume mount.`);
    else if (source.startsWith("/") || source.startsWith(".")) problems.push(`${where}: "${source}" is a folder of the host; only named volumes are allowed here (bind mounts would expose the grader's machine).`);
    else if (!namedVolumes.has(source)) problems.push(`${where}: volume "${source}" is not declared under the top-level volumes.`);
    else if (mode !== "rw" && mode !== "ro") problems.push(`${where}: volume mode "${mode}" is not allowed here.`);
    else volumes.push({ volume: source, target, readOnly: mode === "ro" });
  }

  const healthcheck = isRecord(raw.healthcheck) ? raw.healthcheck : null;
  for (const key of Object.keys(healthcheck ?? {})) if (!allowedHealthcheckKeys.has(key)) problems.push(`${where}: healthcheck.${key} is not allowed here.`);
  const dependsOn: ServicePlan["dependsOn"] = {};
  for (const [dep, cond] of Object.entries(isRecord(raw.depends_on) ? raw.depends_on : {})) {
    dependsOn[dep] = { condition: isRecord(cond) && typeof cond.condition === "string" ? cond.condition : "service_started" };
  }
  const environment: Record<string, string> = {};
  for (const [k, v] of Object.entries(isRecord(raw.environment) ? raw.environment : {})) environment[k] = typeof v === "string" ? v : v === null || v === undefined ? "" : JSON.stringify(v);

  if (problems.length > before) return null;
  const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !["build", "image", "ports", "volumes", "restart"].includes(k) && !k.startsWith("x-")));
  return { name, buildContext, image, ports, volumes, rest, environment, healthcheck, dependsOn };
}
