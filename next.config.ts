import type { NextConfig } from "next";
import { env } from "./server/env";
import { apiPolicy, commonSecurityHeaders, contentSecurityPolicy, staticPages } from "./server/http/content-security";
import { markStartupChunksForEagerCompile } from "./server/http/startup-compile-hints";

const tls = env.AUTH_URL?.startsWith("https://") ?? false;

const config: NextConfig = {
  distDir: env.NEXT_DIST_DIR,
  typedRoutes: true,
  poweredByHeader: false,
  compress: env.COMPRESS_RESPONSES,
  // Next's ETag is a hash of the whole page computed in JavaScript on every request, a cache hit included: on a
  // lesson that was a quarter of the time spent serving it. Pages carry Cache-Control for caches instead.
  generateEtags: false,
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
  // Security headers (server/http/content-security.ts): every response; the fixed CSP for the statically rendered
  // pages (dynamic ones get a nonce policy from proxy.ts); a no-document policy for API answers.
  headers: () =>
    Promise.resolve([
      { source: "/:path*", headers: commonSecurityHeaders({ tls }) },
      ...staticPages.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy({ dev: env.NODE_ENV === "development", tls }) }] })),
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiPolicy }] },
    ]),
  // The reading pages are cached whole in memory (ISR) and revalidated by tag when content changes. Not on disk:
  // tags are remembered in memory only, so a page written to disk would outlive a restart that synced new content.
  experimental: { isrFlushToDisk: false },
  // The scripts every page starts with are compiled by the browser while they download, not on first call.
  compiler: { runAfterProductionCompile: ({ distDir }) => markStartupChunksForEagerCompile(distDir).then(() => undefined) },
  // The catalog lives behind a route parameter so the build (no database) does not prerender it; see its page.
  rewrites: () => Promise.resolve({ beforeFiles: [{ source: "/", destination: "/catalog/home" }], afterFiles: [], fallback: [] }),
};

export default config;
