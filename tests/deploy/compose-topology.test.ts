// The compose stack's grading topology (DESIGN §5) held to what it promises, read from docker-compose.yml and the
// engine's start script (deploy/engine-start.sh) themselves, in every `npm test`; the stack itself is started and
// made to grade by `npm run test:stack` (compose-stack.stack.ts). This keeps the security properties from
// drifting: no engine API on TCP, the grader in its own network namespace, the engine on an internal network
// only, and the engine's rules in place before it reports healthy.
import fs from "node:fs";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";

interface Service {
  network_mode?: string;
  networks?: string[] | Record<string, unknown>;
  environment?: Record<string, string>;
  entrypoint?: string[];
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
}

const compose = parseYaml(fs.readFileSync("docker-compose.yml", "utf8")) as {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean } | null>;
};
const services = compose.services;
const networksOf = (s: Service): string[] => (Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {}));
const engineEntrypoint = services.engine?.entrypoint?.[0] ?? "";
const mountedScript = services.engine?.volumes?.map((v) => v.split(":")).find(([, target]) => target === engineEntrypoint)?.[0];
const engineScript = mountedScript ? fs.readFileSync(mountedScript, "utf8") : "";

describe("docker-compose.yml grading topology", () => {
  it("reaches the engine only through a unix socket, never TCP", () => {
    for (const [name, s] of Object.entries(services)) {
      const host = s.environment?.DOCKER_HOST;
      if (host !== undefined) expect(host, name).toMatch(/^unix:\/\//);
    }
    expect(mountedScript).toBe("./deploy/engine-start.sh");
    expect(engineScript).toMatch(/^socket=unix:\/\/\/run\/engine\/docker\.sock$/m);
    expect(engineScript).toMatch(/dockerd --host="\$socket" /);
    expect(engineScript).not.toMatch(/tcp:\/\//);
  });

  it("gives no service the engine's network namespace", () => {
    for (const [name, s] of Object.entries(services)) expect(s.network_mode ?? "", name).not.toMatch(/engine/);
  });

  it("puts the engine on internal networks only, shared with the grader alone", () => {
    const engineNets = networksOf(services.engine ?? {});
    expect(engineNets.length).toBeGreaterThan(0);
    for (const net of engineNets) {
      expect(compose.networks[net]?.internal, net).toBe(true);
      const members = Object.entries(services).filter(([, s]) => networksOf(s).includes(net)).map(([n]) => n);
      expect(members.sort(), net).toEqual(["engine", "grader"]);
    }
    expect(services.engine?.ports).toBeUndefined();
  });

  it("publishes learners' ports on the engine's address there, and the grader probes them there", () => {
    const grader = services.grader?.environment ?? {};
    const engineNet = services.engine?.networks as Record<string, { ipv4_address?: string }>;
    const engineAddress = Object.values(engineNet).find((n) => n.ipv4_address)?.ipv4_address;
    expect(grader.GRADER_PUBLISH_HOST).toBe(engineAddress);
    expect(grader.GRADER_PROBE_VIA).toBe("published");
  });

  it("stops grading containers from opening connections out of their bridge before the engine reports healthy", () => {
    expect(engineScript).toMatch(/for chain in INPUT DOCKER-USER/);
    expect(engineScript).toMatch(/iptables -I "\$chain" -i "\$bridge" -m conntrack --ctstate NEW -j DROP/);
    // The one exception, inserted last so it is matched first: frames the bridge forwards between its own ports
    // (a Compose project's services), never anything routed out of it; and only in DOCKER-USER, not INPUT.
    const exceptions = engineScript.split("\n").filter((l) => /-j (RETURN|ACCEPT)/.test(l));
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatch(/^iptables -I DOCKER-USER -m physdev --physdev-is-bridged -j RETURN \|\| \{ .*exit 1; \}$/);
    expect(engineScript.indexOf("--physdev-is-bridged")).toBeGreaterThan(engineScript.indexOf("--ctstate NEW -j DROP"));
    expect(engineScript.indexOf("--physdev-is-bridged")).toBeLessThan(engineScript.indexOf("touch /run/engine/contained"));
    expect(engineScript.indexOf("rm -f /run/engine/contained")).toBeLessThan(engineScript.indexOf("touch /run/engine/contained"));
    expect(services.engine?.healthcheck?.test.join(" ")).toMatch(/test -e \/run\/engine\/contained/);
  });
});
