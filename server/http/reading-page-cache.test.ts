// The reading-page cache in a real HTTP server, with a small handler in Next's place that answers the way Next
// answers ISR pages (x-nextjs-cache, s-maxage) and counts what reaches it. Next itself behind the cache is covered by
// the browser suites (tests/e2e/reading*.spec.ts, revalidation.spec.ts) and bench/lesson-throughput.ts.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forgetReadingPages, ReadingPageCache, withReadingPageCache } from "./reading-page-cache";

interface Upstream {
  hits: string[];
  answer: (req: IncomingMessage, res: ServerResponse) => void;
}

const page = `<!doctype html><html><body>${"<p>containers</p>".repeat(500)}</body></html>`;

function isrPage(res: ServerResponse, extra: Record<string, string> = {}): void {
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "s-maxage=3600, stale-while-revalidate=31535400");
  res.setHeader("x-nextjs-cache", "HIT");
  res.setHeader("content-security-policy", "default-src 'self'");
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  res.end(page);
}

let server: http.Server;
let upstream: Upstream;
let base: string;

beforeEach(async () => {
  upstream = { hits: [], answer: (_req, res) => isrPage(res) };
  const cache = new ReadingPageCache({ maxBytes: 8 * 1024 * 1024, compress: true });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    upstream.hits.push(req.url ?? "");
    upstream.answer(req, res);
    return Promise.resolve();
  };
  server = http.createServer(withReadingPageCache(cache, handle, () => server));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // The path as given, not normalised by a URL parser: a traversal must reach the server as sent.
    const req = http.request(base, { path, method, headers: { "accept-encoding": "identity", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The fill runs after the first answer: wait until the cache answers, or give up after a few seconds. */
async function untilCached(path: string): Promise<Answer> {
  for (let i = 0; i < 100; i++) {
    const answer = await get(path);
    if (answer.headers["x-reading-page-cache"] === "HIT") return answer;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} was never answered from the cache`);
}

describe("reading-page cache", () => {
  it("keeps a lesson after Next's first answer and then answers it alone, with Next's headers", async () => {
    const first = await get("/learn/containers/dockerize-a-service");
    expect(first.headers["x-reading-page-cache"]).toBeUndefined();
    const cached = await untilCached("/learn/containers/dockerize-a-service");
    const hitsSoFar = upstream.hits.length;
    for (let i = 0; i < 5; i++) await get("/learn/containers/dockerize-a-service");
    expect(upstream.hits.length).toBe(hitsSoFar);
    expect(cached.body.toString()).toBe(page);
    expect(cached.headers["content-security-policy"]).toBe("default-src 'self'");
    expect(cached.headers["content-length"]).toBe(String(Buffer.byteLength(page)));
    expect(cached.headers["x-nextjs-cache"]).toBeUndefined();
  });

  it("sends the encoding the reader prefers, compressed once", async () => {
    await untilCached("/learn/containers");
    const br = await get("/learn/containers", { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toBe(page);
    const gz = await get("/learn/containers", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(page);
    expect(gz.headers.vary).toBe("Accept-Encoding");
    const head = await get("/learn/containers", { "accept-encoding": "gzip" }, "HEAD");
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe(String(gz.body.length));
  });

  it("passes to Next whatever Next answers differently or must not be shared", async () => {
    await untilCached("/");
    const before = upstream.hits.length;
    await get("/?q=1");
    await get("/", { rsc: "1" });
    await get("/", { "next-router-prefetch": "1" });
    await get("/", { range: "bytes=0-10" });
    await get("/", {}, "POST");
    await get("/api/progress");
    expect(upstream.hits.length - before).toBe(6);
  });

  it("never keeps an answer with a cookie, an error, a stale copy or no ISR marker", async () => {
    const answers: Record<string, (res: ServerResponse) => void> = {
      "/learn/a": (res) => isrPage(res, { "set-cookie": "session=x" }),
      "/learn/b": (res) => isrPage(res, { "x-nextjs-cache": "STALE" }),
      "/learn/c": (res) => {
        res.statusCode = 404;
        isrPage(res);
      },
      "/learn/d": (res) => isrPage(res, { "cache-control": "private, no-store" }),
      "/learn/e": (res) => {
        res.setHeader("content-type", "text/html");
        res.end(page);
      },
    };
    upstream.answer = (req, res) => answers[req.url ?? ""]?.(res);
    for (const path of Object.keys(answers)) {
      for (let i = 0; i < 3; i++) {
        const answer = await get(path);
        expect(answer.headers["x-reading-page-cache"]).toBeUndefined();
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  });

  it("keeps the build's scripts and styles Next marks immutable, and answers them compressed once", async () => {
    const script = `self.chunk=${JSON.stringify("x".repeat(4000))};`;
    upstream.answer = (_req, res) => {
      res.setHeader("content-type", "application/javascript; charset=UTF-8");
      res.setHeader("cache-control", "public, max-age=31536000, immutable");
      res.setHeader("x-content-type-options", "nosniff");
      res.end(script);
    };
    const path = "/_next/static/chunks/0abc123.js";
    await untilCached(path);
    const before = upstream.hits.length;
    const br = await get(path, { "accept-encoding": "gzip, deflate, br" });
    expect(upstream.hits.length).toBe(before);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers["x-content-type-options"]).toBe("nosniff");
    expect(br.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    // A publish changes pages, not the build: the script is still answered without Next.
    forgetReadingPages();
    expect((await get(path)).headers["x-reading-page-cache"]).toBe("HIT");
    expect(upstream.hits.length).toBe(before);
  });

  it("leaves to Next build output without the immutable mark, other static files and paths outside the build", async () => {
    const withCacheControl = (cacheControl: string) => (res: ServerResponse) => {
      res.setHeader("cache-control", cacheControl);
      res.end("self.a=1");
    };
    const immutable = withCacheControl("public, max-age=31536000, immutable");
    const answers: Record<string, (res: ServerResponse) => void> = {
      "/_next/static/chunks/a.js": withCacheControl("public, max-age=0"),
      "/_next/static/media/icon.png": immutable,
      "/_next/static/chunks/../../../etc/passwd.js": immutable,
      "/api/health.js": immutable,
    };
    upstream.answer = (req, res) => answers[req.url ?? ""]?.(res);
    for (const path of Object.keys(answers)) {
      for (let i = 0; i < 3; i++) {
        const answer = await get(path);
        expect(answer.headers["x-reading-page-cache"]).toBeUndefined();
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  });

  it("forgets every page when the reading pages are revalidated, and does not keep a fill that started before", async () => {
    await untilCached("/learn/containers/dockerize-a-service");
    forgetReadingPages();
    const after = await get("/learn/containers/dockerize-a-service");
    expect(after.headers["x-reading-page-cache"]).toBeUndefined();

    // A publish while the cache is fetching the old page: what it fetched must not be kept.
    let release = () => {};
    upstream.answer = (req, res) => {
      if (req.headers["x-reading-page-fill"]) {
        release = () => isrPage(res);
      } else isrPage(res);
    };
    await get("/learn/containers");
    await new Promise((r) => setTimeout(r, 50));
    forgetReadingPages();
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect((await get("/learn/containers")).headers["x-reading-page-cache"]).toBeUndefined();
  });
});
