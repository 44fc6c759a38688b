// Where to go after signing in: only a path on this site, so a crafted link cannot bounce a learner elsewhere.
export function safeNextPath(value: unknown, fallback = "/me"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
