// Where to go after signing in (or any other redirect that takes a target from the request): only a path on
// this site. The check runs on what a browser would make of the value, not on the raw string: WHATWG URL parsing
// strips tab, newline and CR anywhere and treats `\` as `/`, so `/\t/evil.example` becomes `//evil.example`.
// Anything that needs such repair, or that leaves the origin once resolved, falls back.
const probeOrigin = "http://next-path.invalid";

// Control characters and whitespace the URL parser would strip or that no link of ours contains; backslashes it
// would turn into slashes; percent-encoded slashes, backslashes and controls that a second decode (a proxy, a
// framework) could turn into the same tricks.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const refused = /[\u0000-\u0020\u007f\\]|%(2f|5c|0[0-9a-d]|1[0-9a-f]|7f|25)/i;

export function safeNextPath(value: unknown, fallback = "/me"): string {
  if (typeof value !== "string" || value.length > 2048 || !value.startsWith("/") || value.startsWith("//") || refused.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, probeOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== probeOrigin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments resolved to `//…` would be protocol-relative again.
  return path.startsWith("//") ? fallback : path;
}
