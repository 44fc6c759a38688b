// Content-Security-Policy and the other response headers, as one table of routes → policy (docs/security.md).
// No `server-only`: next.config.ts (static headers) and proxy.ts (per-request nonces) both build from here.
//
// Two policies, because a per-request nonce forces a page to render per request:
// - dynamic pages (account, exercise, instructor, …) get a fresh nonce from proxy.ts, and 'strict-dynamic'
//   lets the scripts Next marks with it load their chunks; nothing else runs.
// - the statically rendered reading pages (staticPages below) are the same bytes for everyone, so no nonce can be
//   in them; they allow same-origin scripts and inline ones (Next's flight data), never eval, never a plugin,
//   never a <base> or a frame parent. Their HTML is our own sanitized Markdown with no raw HTML and no user data.
// Both report violations to /api/csp-reports (report-uri: sent at once, which the browser tests rely on).
import { createHash } from "node:crypto";

/** Statically rendered routes (path-to-regexp, as next.config headers() matches them). */
export const staticPages = ["/", "/catalog/:view", "/learn/:course", "/learn/:course/:lesson", "/learn/:course/:lesson/quiz"] as const;

const staticPageRegexps = staticPages.map((source) => new RegExp(`^${source.replace(/:[a-z]+/g, "[^/]+")}/?$`));

export function isStaticPage(pathname: string): boolean {
  return staticPageRegexps.some((re) => re.test(pathname));
}

export const cspReportPath = "/api/csp-reports";

/** 'sha256-…' of a fixed inline script of ours (the theme script in <head>), for the nonce policy. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash("sha256").update(script).digest("base64")}'`;
}

interface PolicyOptions {
  /** Set for dynamic pages: only scripts carrying it (and what they load) run. */
  nonce?: string;
  /** Our fixed inline scripts, allowed by hash under the nonce policy. */
  inlineScriptHashes?: readonly string[];
  /** `next dev` needs eval for React's debugging; never in a production build. */
  dev?: boolean;
  /** Behind TLS: ask the browser to upgrade any stray http:// subresource. */
  tls?: boolean;
}

export function contentSecurityPolicy({ nonce, inlineScriptHashes = [], dev = false, tls = false }: PolicyOptions): string {
  const scripts = nonce ? ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...inlineScriptHashes] : ["'self'", "'unsafe-inline'"];
  if (dev) scripts.push("'unsafe-eval'");
  const directives = [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    // Style attributes (charts, progress rings) cannot carry a nonce; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    `report-uri ${cspReportPath}`,
    ...(tls ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** API answers are data, never documents: nothing may load or frame them. */
export const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries (next.config.ts). HSTS only where the site is served over TLS. */
export function commonSecurityHeaders({ tls }: { tls: boolean }): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(tls ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] : []),
  ];
}
