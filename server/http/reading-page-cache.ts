// The reading pages (catalog, course, lesson, quick test) as bytes in front of Next's request handler: they are the
// same bytes for every reader (the per-person parts load in the browser) and Next already keeps them in its ISR cache,
// but answering even a cache hit costs Next about a millisecond of routing and plumbing plus compressing the page
// again, which made a lesson a tenth as fast as a static file. Here a hit is a lookup and one write of bytes
// compressed once (gzip and brotli). What may be stored is decided by Next's own answer: a 200 HTML page that
// Next served from or into its ISR cache (x-nextjs-cache HIT or MISS), without cookies, for a plain GET of a
// static page path. Everything else, and every request that is not a plain GET or HEAD of such a path (React
// Server Component fetches, prefetches, query strings, ranges), goes to Next untouched.
//
// The scripts and styles those pages load are kept the same way: Next compresses each of them again on every request
// too, about 47 ms of this server's time per page view (bench/reading-figures.md, eleventh round), spent while the
// reader's browser lays out its first paint. They are build output with content-hashed names, which Next marks
// immutable; only that mark lets one be kept.
//
// Publishing revalidates Next's tags and forgets everything here (forgetReadingPages, called by
// revalidateReadingPages) but the build's output; an entry also expires when its s-maxage (a script's max-age)
// does, as Next's copy would.
import http, { type IncomingHttpHeaders, type OutgoingHttpHeader, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import { LRUCache } from "lru-cache";
import { Negotiator } from "@fastify/accept-negotiator";
import { sharedGeneration } from "@/server/shared-generation";
import { isStaticPage } from "./content-security";

// In our order of preference, which the negotiator follows among encodings the reader accepts equally.
const encodings = ["br", "gzip", "identity"] as const;
type Encoding = (typeof encodings)[number];
const negotiator = new Negotiator<Encoding>({ supportedValues: [...encodings], cache: new Map() });

// Publishing (revalidateReadingPages) may run in another module instance than this server's.
const pagesGeneration = sharedGeneration("readingPageCache");

/** Every stored page is stale from now on: called wherever the reading pages are revalidated. */
export function forgetReadingPages(): void {
  pagesGeneration.advance();
}

const generation = pagesGeneration.current;

/** Marks the cache's own request to Next, so that it is answered by Next and not from the cache. */
const fillHeader = "x-reading-page-fill";
const cacheStatusHeader = "x-reading-page-cache";

// Hop-by-hop or per-response headers, and those this cache writes itself.
const notStored = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "content-encoding", "vary", "x-nextjs-cache"]);

interface StoredPage {
  generation: number;
  headers: [string, string][];
  bodies: Record<Encoding, Buffer>;
}

/** Where this server can reach itself (its listening address; loopback when it listens on every address). */
export interface Origin {
  host: string;
  port: number;
}

export interface ReadingPageCacheOptions {
  maxBytes: number;
  /** Off behind a reverse proxy that compresses: only identity bodies are kept and sent. */
  compress: boolean;
}

const pass = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(", ") : (value ?? ""));

/** A script or style of the build (content-hashed, so the same bytes for as long as the build serves). */
function isBuildAsset(pathname: string): boolean {
  return /^\/_next\/static\/[\w./-]+\.(?:js|css)$/.test(pathname) && !pathname.includes("..");
}

/** Requests Next answers differently from the page's HTML (RSC payloads, prefetches, partial requests) or that change state. */
function isPlainRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "";
  if (url.includes("?") || !(isStaticPage(url) || isBuildAsset(url))) return false;
  return !Object.keys(req.headers).some(
    (name) => name === "rsc" || name === "range" || name === fillHeader || name.startsWith("next-") || name.startsWith("x-nextjs-") || name.startsWith("x-middleware-"),
  );
}

/** A Cache-Control directive's seconds in milliseconds, or null when it is absent or zero. */
function directiveMs(cacheControl: string, directive: "s-maxage" | "max-age"): number | null {
  const match = new RegExp(`(?:^|,)\\s*${directive}=(\\d+)`, "i").exec(cacheControl);
  const seconds = match ? Number(match[1]) : 0;
  return seconds > 0 ? seconds * 1000 : null;
}

// Next's marks of an answer every reader may share: served from or into its ISR cache, or immutable build output.
const fromIsrCache = (nextCache: unknown) => nextCache === "HIT" || nextCache === "MISS";
const immutable = (cacheControl: OutgoingHttpHeader | undefined) => /\bimmutable\b/.test(String(cacheControl ?? ""));

const keptFor = (maxAgeMs: number | null) => (maxAgeMs ? { maxAgeMs } : null);

/** How long Next's answer may be kept, or null: a page Next does not let shared caches keep is not kept. */
function storable(url: string, status: number | undefined, headers: IncomingHttpHeaders): { maxAgeMs: number } | null {
  if (status !== 200 || headers["set-cookie"] || headers["content-encoding"]) return null;
  const cacheControl = pass(headers["cache-control"]);
  if (isBuildAsset(url)) return immutable(cacheControl) ? keptFor(directiveMs(cacheControl, "max-age")) : null;
  if (!fromIsrCache(pass(headers["x-nextjs-cache"])) || !pass(headers["content-type"]).startsWith("text/html")) return null;
  return keptFor(directiveMs(cacheControl, "s-maxage"));
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export class ReadingPageCache {
  private readonly pages: LRUCache<string, StoredPage>;
  private readonly filling = new Set<string>();

  constructor(private readonly options: ReadingPageCacheOptions) {
    this.pages = new LRUCache<string, StoredPage>({
      maxSize: options.maxBytes,
      sizeCalculation: (page) => page.bodies.identity.length + page.bodies.gzip.length + page.bodies.br.length + 1024,
    });
  }

  /** Answers from the cache and returns true, or returns false for Next to answer. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (!isPlainRequest(req)) return false;
    const url = req.url ?? "";
    const page = this.pages.get(url);
    // A publish changes pages, never the build's content-hashed output.
    if (!page || (page.generation !== generation() && !isBuildAsset(url))) return false;
    const encoding = this.options.compress ? (negotiator.negotiate(pass(req.headers["accept-encoding"])) ?? "identity") : "identity";
    const body = page.bodies[encoding];
    for (const [name, value] of page.headers) res.setHeader(name, value);
    res.setHeader(cacheStatusHeader, "HIT");
    if (this.options.compress) res.setHeader("vary", "Accept-Encoding");
    if (encoding !== "identity") res.setHeader("content-encoding", encoding);
    res.setHeader("content-length", body.length);
    res.writeHead(200);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }

  /**
   * After Next answered a request this cache could have answered: when Next's answer was a cacheable page, fetch
   * it once more uncompressed from Next (on the server's own address) and keep it. The answer given to the reader
   * is never copied, so what is stored is always a whole response exactly as Next sends it.
   */
  noteAnswered(req: IncomingMessage, res: ServerResponse, origin: Origin): void {
    const url = req.url ?? "";
    if (res.statusCode !== 200 || !(fromIsrCache(res.getHeader("x-nextjs-cache")) || immutable(res.getHeader("cache-control")))) return;
    if (!isPlainRequest(req) || this.filling.has(url)) return;
    this.filling.add(url);
    void this.fill(url, origin).finally(() => this.filling.delete(url));
  }

  private async fill(url: string, origin: Origin): Promise<void> {
    const startedAt = generation();
    const answer = await fetchUncompressed(origin, url).catch(() => null);
    const verdict = answer && storable(url, answer.status, answer.headers);
    if (!answer || !verdict || generation() !== startedAt) return;
    const identity = answer.body;
    // Build output is compressed once for the life of the process, so it gets brotli's best (8 % smaller than
    // quality 9 for a page's scripts, about a second of one thread once); a page may change with every publish.
    const quality = isBuildAsset(url) ? zlib.BROTLI_MAX_QUALITY : 9;
    const [gz, br] = this.options.compress
      ? await Promise.all([gzipAsync(identity, { level: 9 }), brotliAsync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length } })])
      : [identity, identity];
    if (generation() !== startedAt) return;
    const headers = Object.entries(answer.headers).flatMap(([name, value]) => (notStored.has(name) || value === undefined ? [] : [[name, pass(value)] as [string, string]]));
    this.pages.set(url, { generation: startedAt, headers, bodies: { identity, gzip: gz, br } }, { ttl: verdict.maxAgeMs });
  }
}

function fetchUncompressed(origin: Origin, url: string): Promise<{ status: number | undefined; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: origin.host, port: origin.port, path: url, headers: { "accept-encoding": "identity", [fillHeader]: "1" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.setTimeout(30_000, () => request.destroy(new Error(`filling the reading-page cache from ${url} timed out`)));
  });
}

/** How the server reaches itself: its listening address, or loopback when it listens on every address. */
export function selfOrigin(server: Server): Origin {
  const { address, port } = server.address() as AddressInfo;
  if (address === "0.0.0.0") return { host: "127.0.0.1", port };
  if (address === "::") return { host: "::1", port };
  return { host: address, port };
}

/** The server's request listener: the cache answers what it holds, Next (`handle`) the rest. */
export function withReadingPageCache(cache: ReadingPageCache, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, server: () => Server): RequestListener {
  return (req, res) => {
    if (cache.serve(req, res)) return;
    res.on("finish", () => cache.noteAnswered(req, res, selfOrigin(server())));
    handle(req, res).catch((err: unknown) => {
      console.error(`failed to handle ${req.method} ${req.url}:`, err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
}
