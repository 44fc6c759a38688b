import "server-only";
// State-changing route handlers only answer requests a page of ours sent. Server actions get this from Next;
// route handlers did not, and SameSite=Lax alone lets a cross-site `fetch` with a text/plain body through in some
// browsers and setups. Browsers send Origin on every POST, PUT, PATCH and DELETE, so a missing one means a
// non-browser client; it must then say `Sec-Fetch-Site: same-origin`, else it is refused (fail closed).
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function changesState(method: string): boolean {
  return !safeMethods.has(method.toUpperCase());
}

/** The host this site is served under: AUTH_URL's when set; else the request's own Host (a proxy's only if trusted). */
function siteHost(request: Request): string {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).host;
  const forwarded = env.TRUSTED_PROXY_HOPS > 0 ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || request.headers.get("host") || new URL(request.url).host;
}

export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const refused = new AppError("forbidden", "This request did not come from a Shipshape page.");
  if (origin === null) {
    if (request.headers.get("sec-fetch-site") === "same-origin") return;
    throw refused;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw refused;
  }
  if (host !== siteHost(request)) throw refused;
}
