// Next 16's proxy (formerly middleware): gives each dynamically rendered page a fresh CSP nonce, which Next reads
// from the request's Content-Security-Policy header and puts on its own scripts. Statically rendered pages
// (server/http/content-security.ts staticPages) are not even matched, so a cache hit costs no proxy call;
// next.config.ts sends them their fixed policy. Authorization is not decided here (house style "Re-check auth at
// every entry"): every page and route checks for itself.
import { NextResponse, type NextRequest } from "next/server";
import { placedReaderScript } from "@/components/lesson/placed-reader";
import { themeScript } from "@/components/ui/theme";
import { contentSecurityPolicy, scriptHash } from "@/server/http/content-security";
import { env } from "@/server/env";

const inlineScriptHashes = [themeScript, placedReaderScript].map(scriptHash);
const tls = env.AUTH_URL?.startsWith("https://") ?? false;

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = contentSecurityPolicy({ nonce, inlineScriptHashes, dev: env.NODE_ENV === "development", tls });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: API answers get their own policy from next.config.ts, static files need none, nor do the static
  // reading pages ("/", /catalog/x, /learn/x, /learn/x/y, /learn/x/y/quiz: staticPages, kept in step by
  // proxy-matcher.test.ts); prefetches carry no document. Next reads this literal at build time, so it cannot be computed.
  matcher: [
    {
      source: "/((?!$|api/|_next/static|_next/image|favicon.ico|icon.png|catalog/[^/]+/?$|learn/[^/]+(?:/[^/]+(?:/quiz)?)?/?$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
