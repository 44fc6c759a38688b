// Image references in the one spelling the offered list and the engine agree on: Docker Hub's defaults folded in
// (`busybox` = `busybox:latest` = `docker.io/library/busybox:latest`), a registry host kept when one is named.

const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const hubHosts = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

export type ImageRef = { ok: true; name: string; registry: string | null; digest: string | null } | { ok: false; reason: string };

export function normalizeImageRef(ref: string): ImageRef {
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : null;
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const parts = named.split("/");
  const first = parts[0] ?? "";
  const hasRegistry = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  let registry = hasRegistry ? first : null;
  let path = hasRegistry ? parts.slice(1) : parts;
  const last = path.at(-1) ?? "";
  const colon = last.lastIndexOf(":");
  const tag = colon >= 0 ? last.slice(colon + 1) : "latest";
  path = [...path.slice(0, -1), colon >= 0 ? last.slice(0, colon) : last];
  if (registry !== null && hubHosts.has(registry)) {
    registry = null;
    if (path.length === 2 && path[0] === "library") path = path.slice(1);
  }
  if (path.length === 0 || !path.every((p) => component.test(p))) return { ok: false, reason: `"${ref}" is not a valid image name (lowercase letters, digits and . _ - only)` };
  if (!tagPattern.test(tag)) return { ok: false, reason: `"${tag}" is not a valid image tag` };
  if (digest !== null && !/^sha256:[a-f0-9]{64}$/.test(digest)) return { ok: false, reason: `"${digest}" is not a valid image digest` };
  return { ok: true, name: `${registry ? `${registry}/` : ""}${path.join("/")}:${tag}`, registry, digest };
}
