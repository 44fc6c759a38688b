// deploy/ (Kubernetes, DESIGN §8) validated against the Kubernetes API's OpenAPI schemas, offline: each document
// of each file the kustomization lists goes through kubernetes-models' validator for its apiVersion and kind (types,
// formats such as resource quantities, required fields). Then the properties DESIGN §5 promises are held to the
// manifests themselves: the engine only on a socket in an emptyDir, the grader pod with no egress and ingress only
// from the web and the scraper, autoscaling on the metric the grader really exports, budgets and limits everywhere.
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { createMetrics } from "@/grader/grading/metrics";

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  restartPolicy?: string;
  securityContext?: Record<string, unknown>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  env?: { name: string; value?: string }[];
  ports?: { containerPort: number }[];
  readinessProbe?: unknown;
  startupProbe?: unknown;
}
interface PodSpec {
  initContainers?: Container[];
  containers: Container[];
  volumes?: { name: string; emptyDir?: unknown; configMap?: { name: string } }[];
}
interface NetworkPolicyRule {
  from?: Record<string, unknown>[];
  to?: Record<string, unknown>[];
  ports?: { port: number }[];
}

const deployDir = path.resolve("deploy");
const kustomization = parseYaml(fs.readFileSync(path.join(deployDir, "kustomization.yaml"), "utf8")) as {
  resources: string[];
  configMapGenerator?: { name: string; files: string[] }[];
};
const manifests: (Manifest & { file: string })[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(fs.readFileSync(path.join(deployDir, file), "utf8")).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    return { ...(doc.toJS() as Manifest), file };
  }),
);

function find(kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/`);
  return found;
}
const podSpec = (deployment: string) => (find("Deployment", deployment).spec as { template: { spec: PodSpec } }).template.spec;
const envOf = (c: Container) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));

/** kubernetes-models/<group>/<version>/<Kind>: the core group has no folder of its own. */
async function modelFor(apiVersion: string, kind: string): Promise<new (data: unknown) => { validate(): void }> {
  const modulePath = `kubernetes-models/${apiVersion}/${kind}`;
  const loaded = (await import(modulePath)) as Record<string, new (data: unknown) => { validate(): void }>;
  const model = loaded[kind];
  if (!model) throw new Error(`${modulePath} exports no ${kind}`);
  return model;
}

describe("deploy/kubernetes manifests", () => {
  it("lists only files that exist, and generates the engine's start script from the one compose runs", () => {
    for (const file of kustomization.resources) expect(fs.existsSync(path.join(deployDir, file)), file).toBe(true);
    const generator = kustomization.configMapGenerator?.find((g) => g.name === "engine-start");
    expect(generator?.files).toEqual(["engine-start.sh"]);
    const compose = fs.readFileSync("docker-compose.yml", "utf8");
    expect(compose).toContain("./deploy/engine-start.sh:/usr/local/bin/engine-start:ro");
  });

  it.each(manifests.map((m) => [`${m.file}: ${m.kind} ${m.metadata.name}`, m] as const))("%s is valid against its API schema", async (_, manifest) => {
    const Model = await modelFor(manifest.apiVersion, manifest.kind);
    const { file: _file, ...data } = manifest;
    expect(() => new Model(data).validate()).not.toThrow();
  });

  it("the validator is not blind: a wrong quantity and a missing selector are refused", async () => {
    const Deployment = await modelFor("apps/v1", "Deployment");
    const { file: _file, ...web } = find("Deployment", "web") as Manifest & { file: string };
    const broken = structuredClone(web) as unknown as { spec: { template: { spec: PodSpec } } };
    const container = broken.spec.template.spec.containers[0];
    if (container?.resources?.limits) container.resources.limits.memory = "one gig";
    expect(() => new Deployment(broken).validate()).toThrow(/quantity/);
    const noSelector = structuredClone(web) as unknown as { spec: Record<string, unknown> };
    delete noSelector.spec.selector;
    expect(() => new Deployment(noSelector).validate()).toThrow(/selector/);
  });

  it("sets requests and limits on every container", () => {
    for (const name of ["web", "grader"]) {
      const spec = podSpec(name);
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        for (const key of ["cpu", "memory"]) {
          expect(c.resources?.requests?.[key], `${name}/${c.name} request ${key}`).toBeDefined();
          expect(c.resources?.limits?.[key], `${name}/${c.name} limit ${key}`).toBeDefined();
        }
      }
    }
  });

  it("runs the web and the grader as non-root without privilege escalation; only the engine is privileged", () => {
    for (const name of ["web", "grader"]) {
      const spec = podSpec(name);
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        if (c.name === "engine") continue;
        expect(c.securityContext?.privileged, `${name}/${c.name}`).not.toBe(true);
        expect(c.securityContext?.allowPrivilegeEscalation, `${name}/${c.name}`).toBe(false);
      }
      const main = spec.containers.find((c) => c.name === name);
      const podContext = (find("Deployment", name).spec as { template: { spec: { securityContext?: Record<string, unknown> } } }).template.spec.securityContext;
      expect(main?.securityContext?.runAsNonRoot ?? podContext?.runAsNonRoot, name).toBe(true);
    }
  });

  it("gives each grader pod its own engine, started before the grader, reached over a socket in an emptyDir", () => {
    const spec = podSpec("grader");
    const engine = spec.initContainers?.find((c) => c.name === "engine");
    // A native sidecar: an init container that keeps running, so the grader starts only once its probe passed.
    expect(engine?.restartPolicy).toBe("Always");
    expect(engine?.startupProbe).toBeDefined();
    expect(engine?.securityContext?.privileged).toBe(true);
    expect(engine?.ports).toBeUndefined();
    const socketVolume = spec.volumes?.find((v) => v.name === "engine-socket");
    expect(socketVolume?.emptyDir).toBeDefined();
    expect(engine?.volumeMounts?.find((m) => m.name === "engine-socket")?.mountPath).toBe("/run/engine");
    const grader = spec.containers.find((c) => c.name === "grader");
    expect(grader && envOf(grader).DOCKER_HOST).toBe("unix:///run/engine/docker.sock");
    expect(grader?.volumeMounts?.find((m) => m.name === "engine-data")?.readOnly).toBe(true);
    expect(engine?.command?.join(" ")).toMatch(/engine-start\.sh/);
    expect(spec.volumes?.find((v) => v.name === "engine-start")?.configMap?.name).toBe("engine-start");
    // No TCP API anywhere: the start script binds the socket only.
    const script = fs.readFileSync(path.join(deployDir, "engine-start.sh"), "utf8");
    expect(script).toMatch(/--host="\$socket"/);
    expect(script).toMatch(/socket=unix:\/\/\/run\/engine\/docker\.sock/);
    expect(script).not.toMatch(/tcp:\/\//);
  });

  it("denies the grader pod (and so its engine) all egress, and admits only the web and the scraper to port 4000", () => {
    const policy = find("NetworkPolicy", "grader").spec as {
      podSelector: { matchLabels: Record<string, string> };
      policyTypes: string[];
      ingress: NetworkPolicyRule[];
      egress: NetworkPolicyRule[];
    };
    expect(policy.podSelector.matchLabels).toEqual((find("Deployment", "grader").spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels);
    expect(policy.policyTypes.sort()).toEqual(["Egress", "Ingress"]);
    expect(policy.egress).toEqual([]);
    expect(policy.ingress).toHaveLength(1);
    expect(policy.ingress[0]?.ports).toEqual([{ protocol: "TCP", port: 4000 }]);
    const webLabels = (find("Deployment", "web").spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
    expect(policy.ingress[0]?.from).toEqual([{ podSelector: { matchLabels: webLabels } }, { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }]);
    const deny = find("NetworkPolicy", "default-deny").spec as { podSelector: object; policyTypes: string[] };
    expect(deny.podSelector).toEqual({});
    expect(deny.policyTypes.sort()).toEqual(["Egress", "Ingress"]);
  });

  it("autoscales the graders on the queue-depth gauge the grader exports on /metrics", async () => {
    const hpa = find("HorizontalPodAutoscaler", "grader").spec as {
      scaleTargetRef: { kind: string; name: string };
      metrics: { type: string; pods?: { metric: { name: string } } }[];
    };
    expect(hpa.scaleTargetRef).toMatchObject({ kind: "Deployment", name: "grader" });
    const metricName = hpa.metrics[0]?.pods?.metric.name;
    const exported = await createMetrics().registry.getSingleMetricAsString(metricName ?? "");
    expect(exported).toMatch(new RegExp(`^# TYPE ${metricName} gauge`, "m"));
  });

  it("keeps a disruption budget for each Deployment, selecting its pods", () => {
    for (const name of ["web", "grader"]) {
      const pdb = find("PodDisruptionBudget", name).spec as { selector: { matchLabels: Record<string, string> } };
      expect(pdb.selector.matchLabels).toEqual((find("Deployment", name).spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels);
    }
  });
});
