// Row "response headers: no CSP, no frame-ancestors / X-Frame-Options, no nosniff, no Referrer-Policy". The real
// proxy.ts and next.config.ts headers() are asked for what they send; the browser tests (tests/e2e, every spec)
// then run with these policies enforced and fail on any violation report.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import nextConfig from "@/next.config";
import { contentSecurityPolicy, scriptHash } from "@/server/http/content-security";
import { placedReaderScript } from "@/components/lesson/placed-reader";
import { themeScript } from "@/components/ui/theme";

const directives = (policy: string) => new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name = "", ...values]) => [name, values]));

describe("dynamic pages: a fresh nonce per request", () => {
  const policyOf = (path: string) => proxy(new NextRequest(`http://127.0.0.1:3300${path}`)).headers.get("content-security-policy");

  it.each(["/me", "/settings", "/signin", "/instructor", "/learn/containers/dockerize-a-service/quiz", "/learn/c/l/exercises/first-service", "/reset-password"])("%s", (path) => {
    const policy = policyOf(path);
    if (!policy) throw new Error(`no CSP on ${path}`);
    const d = directives(policy);
    const scripts = d.get("script-src") ?? [];
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts.some((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s))).toBe(true);
    expect(scripts).toContain(scriptHash(themeScript));
    expect(scripts).toContain(scriptHash(placedReaderScript));
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("report-uri")).toEqual(["/api/csp-reports"]);
    expect(policyOf(path)).not.toBe(policy);
  });

  // The static reading pages are left to next.config.ts by proxy.ts's matcher, not by proxy() itself:
  // server/http/proxy-matcher.test.ts compiles the matcher as Next does and checks both sides.
});

describe("next.config.ts headers()", () => {
  async function headersFor(path: string): Promise<Map<string, string>> {
    const rules = (await nextConfig.headers?.()) ?? [];
    const out = new Map<string, string>();
    for (const rule of rules) {
      const re = new RegExp(`^${rule.source.replace("/:path*", "(/.*)?").replace(/:[a-z]+/g, "[^/]+")}$`);
      if (re.test(path)) for (const h of rule.headers) out.set(h.key.toLowerCase(), h.value);
    }
    return out;
  }

  it.each(["/", "/learn/containers/dockerize-a-service", "/me", "/api/progress"])("%s carries nosniff, Referrer-Policy, X-Frame-Options", async (path) => {
    const h = await headersFor(path);
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("permissions-policy")).toContain("camera=()");
  });

  it("static pages get the fixed policy: inline scripts of the page, never eval, plugins, <base> or a frame parent", async () => {
    const policy = (await headersFor("/learn/containers/dockerize-a-service")).get("content-security-policy");
    expect(policy).toBe(contentSecurityPolicy({}));
    const d = directives(policy ?? "");
    expect(d.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect((await headersFor("/me")).get("content-security-policy")).toBeUndefined();
  });

  it("API answers may not be loaded as documents or framed", async () => {
    expect((await headersFor("/api/me")).get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("HSTS and upgrade-insecure-requests only behind TLS", async () => {
    const { commonSecurityHeaders } = await import("@/server/http/content-security");
    expect(commonSecurityHeaders({ tls: true }).find((h) => h.key === "Strict-Transport-Security")?.value).toBe("max-age=31536000; includeSubDomains");
    expect(commonSecurityHeaders({ tls: false }).some((h) => h.key === "Strict-Transport-Security")).toBe(false);
    expect(contentSecurityPolicy({ tls: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({})).not.toContain("upgrade-insecure-requests");
  });
});
