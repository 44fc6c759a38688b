// Reading pages under load: `next start` (the production build, through scripts/start.ts as `npm start` runs it)
// against a plain Node `http` server answering with the very same bytes — status, headers and body as Next sent
// them — in the same run, 10 connections each. The ratio is Next's requests per second over the plain server's:
// 1.0 would be "as fast as a static file held in memory". Each page is measured two ways:
// - compressed: as a browser asks (`gzip, deflate, br`) the web directly (`npm start`, compose); the plain server
//   sends the very bytes the web sent, compressed once;
// - identity: as a compressing reverse proxy in front asks (COMPRESS_RESPONSES=false, server/env.ts), both plain.
//   npx tsx bench/lesson-throughput.ts [seconds] [--no-build] [lesson|course|catalog…]
// --no-build serves the existing build in NEXT_DIST_DIR (default .next) as it is, like `npm start -- --no-build`.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { quantile } from "@/tests/support/quantile";
import { startProductionWeb, stopGroup, waitForOk } from "./production-web";

const pages = [
  { name: "lesson", path: "/learn/containers/dockerize-a-service" },
  { name: "course", path: "/learn/containers" },
  { name: "catalog", path: "/" },
] as const;

const connections = 10;
const encodings = { compressed: "gzip, deflate, br", identity: "identity" } as const;
type Encoding = keyof typeof encodings;
// Ports from this bench's own range, away from anything a colleague or the e2e suite starts.
const webPort = 4780;
const plainPort = 4781;

interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
}

export interface PageThroughput {
  page: string;
  path: string;
  encoding: Encoding;
  /** Where the measured answer came from: the reading-page cache in front of Next, or Next's ISR cache. */
  servedFrom: string | null;
  bytes: number;
  next: Load;
  plain: Load;
  /** next.requestsPerSecond / plain.requestsPerSecond */
  ratio: number;
}

export interface LessonThroughputResult {
  name: "lesson-throughput";
  date: string;
  cores: number;
  loadAverageBefore: number;
  secondsPerRun: number;
  connections: number;
  pages: PageThroughput[];
}

interface Captured {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function capture(port: number, urlPath: string, encoding: Encoding): Promise<Captured> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: urlPath, headers: { "accept-encoding": encodings[encoding] } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === "string") headers[name] = value;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      })
      .on("error", reject);
  });
}

/** The answer readers get once the page is cached: the reading-page cache fills itself just after Next's first answer. */
async function settled(port: number, urlPath: string, encoding: Encoding): Promise<Captured> {
  for (let attempt = 0; ; attempt++) {
    const captured = await capture(port, urlPath, encoding);
    if (captured.headers["x-reading-page-cache"] === "HIT" || attempt === 50) return captured;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function load(url: string, seconds: number, encoding: Encoding): Promise<Load> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers: { "accept-encoding": encodings[encoding] } }, (error, done) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done),
    );
    // autocannon's own histogram has no p95; every response time is kept instead.
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return {
    requestsPerSecond: result.requests.total / seconds,
    p50Ms: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
    p99Ms: quantile(latencies, 0.99),
    errors: result.errors + result.non2xx,
  };
}

/** The plain server: one response, the captured bytes, from memory. Runs as a child so it has its own CPU time. */
function servePlain(file: string, port: number): void {
  const captured = JSON.parse(readFileSync(file, "utf8")) as { status: number; headers: Record<string, string>; body: string };
  const body = Buffer.from(captured.body, "base64");
  const { "transfer-encoding": _chunked, connection: _connection, "keep-alive": _keepAlive, date: _date, ...headers } = captured.headers;
  http.createServer((_req, res) => res.writeHead(captured.status, { ...headers, "content-length": body.length }).end(body)).listen(port, "127.0.0.1");
}

async function measure(seconds: number, build: boolean, only: readonly string[]): Promise<LessonThroughputResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), "shipshape-throughput-"));
  const result: LessonThroughputResult = {
    name: "lesson-throughput",
    date: new Date().toISOString(),
    cores: os.cpus().length,
    loadAverageBefore: Number(os.loadavg()[0]?.toFixed(2)),
    secondsPerRun: seconds,
    connections,
    pages: [],
  };
  const web = await startProductionWeb({ port: webPort, build });
  try {
    for (const page of pages.filter((p) => only.length === 0 || only.includes(p.name))) {
      // The first request renders the page into the cache; readers after it are what this measures.
      await capture(webPort, page.path, "compressed");
      for (const encoding of Object.keys(encodings) as Encoding[]) {
        const captured = await settled(webPort, page.path, encoding);
        if (captured.status !== 200) throw new Error(`${page.path} answered ${captured.status}`);
        const file = path.join(work, `${page.name}-${encoding}.json`);
        writeFileSync(file, JSON.stringify({ status: captured.status, headers: captured.headers, body: captured.body.toString("base64") }));
        const plain = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--serve", file, String(plainPort)], { detached: true, stdio: "ignore" });
        try {
          await waitForOk(`http://127.0.0.1:${plainPort}${page.path}`, plain, 30_000);
          const next = await load(`http://127.0.0.1:${webPort}${page.path}`, seconds, encoding);
          const baseline = await load(`http://127.0.0.1:${plainPort}${page.path}`, seconds, encoding);
          result.pages.push({
            page: page.name,
            path: page.path,
            encoding,
            servedFrom: captured.headers["x-reading-page-cache"] === "HIT" ? "reading-page cache" : captured.headers["x-nextjs-cache"] ? `Next ISR ${captured.headers["x-nextjs-cache"]}` : null,
            bytes: captured.body.length,
            next,
            plain: baseline,
            ratio: next.requestsPerSecond / baseline.requestsPerSecond,
          });
        } finally {
          await stopGroup(plain);
        }
      }
    }
    return result;
  } finally {
    await web.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function format(result: LessonThroughputResult): string {
  const row = (l: Load) => `${l.requestsPerSecond.toFixed(0)} req/s, p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms, p99 ${l.p99Ms} ms${l.errors ? `, ${l.errors} errors` : ""}`;
  const lines = [`lesson-throughput ${result.date}, ${result.cores} cores, load average ${result.loadAverageBefore} before, ${result.connections} connections, ${result.secondsPerRun} s each`];
  for (const p of result.pages) {
    lines.push(`  ${p.page} ${p.path} ${p.encoding} (${p.bytes} B, from ${p.servedFrom ?? "a render"}): ratio ${p.ratio.toFixed(2)}`);
    lines.push(`    next start  ${row(p.next)}`);
    lines.push(`    plain http  ${row(p.plain)}`);
  }
  return lines.join("\n");
}

export async function run(options: { seconds?: number; build?: boolean; only?: string[] } = {}): Promise<LessonThroughputResult> {
  const result = await measure(options.seconds ?? 10, options.build ?? true, options.only ?? []);
  console.log(format(result));
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === "--serve") {
    servePlain(args[1] ?? "", Number(args[2]));
  } else {
    const seconds = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);
    const only = args.filter((a) => pages.some((p) => p.name === a));
    await run({ seconds, build: !args.includes("--no-build"), only });
  }
}
