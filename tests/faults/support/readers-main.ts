// Readers as a process of their own: `connections` readers each load the given pages once (a reader opens a lesson
// and reads it for minutes, so each is a burst of page loads, not a stream), then print one JSON line with what
// they saw. Apart from the test's process so 500 connections do not starve the test's own
// database work of its event loop (they share the machine's cores, as readers and the web do in production).
import autocannon from "autocannon";

export interface ReadersResult {
  requests: number;
  seconds: number;
  /** Connection errors (refused, reset). */
  errors: number;
  /** No answer within the timeout (30 s). */
  timeouts: number;
  /** Answered with a status other than 2xx. */
  non2xx: number;
  p50Ms: number;
  p95Ms: number;
}

const [base = "", connections = "500", ...paths] = process.argv.slice(2);
const started = Date.now();
const latencies: number[] = [];
const instance = autocannon(
  { url: base, connections: Number(connections), amount: Number(connections) * paths.length, timeout: 30, requests: paths.map((p) => ({ method: "GET", path: p })) },
  (_error, result) => {
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
    const out: ReadersResult = { requests: result.requests.total, seconds: (Date.now() - started) / 1000, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, p50Ms: at(0.5), p95Ms: at(0.95) };
    process.stdout.write(`${JSON.stringify(out)}\n`, () => process.exit(0));
  },
);
instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
