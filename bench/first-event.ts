// Time from submitting a grading (POST /api/exercises/<slug>/submissions) to the first event arriving on its SSE
// stream, through the production web and the real grader on the real engine — what a learner waits before the
// live view moves. Target ≤ 150 ms (issue 5). Needs a build in NEXT_DIST_DIR (default .next-bench):
//   NEXT_DIST_DIR=.next-bench npx next build && npx tsx bench/first-event.ts
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { rmSync } from "node:fs";

export interface BenchResult {
  name: string;
  unit: "ms";
  samples: number[];
  medianMs: number;
  p95Ms: number;
  /** The same, to the grader's first event: what the web cannot shorten by itself. */
  graderSamples: number[];
  graderMedianMs: number;
  targetMs: number;
  ok: boolean;
}

const targetMs = 150;
const slug = "first-service";

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Signs in with next-auth's credentials flow and returns the cookie header to send. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  keep(csrf);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: base }),
  });
  keep(response);
  if (![...jar.keys()].some((k) => k.endsWith("authjs.session-token"))) throw new Error(`sign-in failed (HTTP ${response.status})`);
  return cookieHeader();
}

/**
 * POST, then read the SSE stream; ms from just before the POST to the first event (the web's "submitted", stored
 * with the submission) and to the grader's first event (queued or step).
 */
async function sample(base: string, cookie: string, files: Record<string, string>): Promise<{ ms: number; graderMs: number; id: string }> {
  const started = performance.now();
  const posted = await fetch(`${base}/api/exercises/${slug}/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ files }),
  });
  if (posted.status !== 202) throw new Error(`submit answered ${posted.status}: ${await posted.text()}`);
  const { id } = (await posted.json()) as { id: string };
  const stream = await fetch(`${base}/api/submissions/${id}/events`, { headers: { cookie, accept: "text/event-stream" } });
  if (!stream.body) throw new Error("no event stream");
  const decoder = new TextDecoder();
  let buffer = "";
  let ms: number | null = null;
  let graderMs: number | null = null;
  // Read to the end (the verdict) so the next sample is not refused as "already being graded".
  for await (const chunk of stream.body) {
    buffer += decoder.decode(chunk, { stream: true });
    if (ms === null && /^data: /m.test(buffer)) ms = performance.now() - started;
    if (graderMs === null && /^data: .*"type":"(queued|step)"/m.test(buffer)) graderMs = performance.now() - started;
  }
  if (ms !== null && graderMs !== null) return { ms, graderMs, id };
  throw new Error("the stream ended without an event");
}

export async function run(options: { samples?: number; webPort?: number; graderPort?: number } = {}): Promise<BenchResult> {
  const samples = options.samples ?? 6;
  const webPort = options.webPort ?? 3371;
  const graderPort = options.graderPort ?? 4372;
  const base = `http://127.0.0.1:${webPort}`;
  const dataDir = path.join(os.tmpdir(), `shipshape-bench-first-event-${Date.now()}`);
  const password = "bench-demo-password";
  const server: ChildProcess = spawn("npx", ["tsx", "scripts/start.ts", "--no-build"], {
    env: {
      ...process.env,
      PORT: String(webPort),
      GRADER_PORT: String(graderPort),
      GRADER_URL: `http://127.0.0.1:${graderPort}`,
      GRADER_NAME: "benchfirstevent",
      PGLITE_DIR: dataDir,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-bench",
      DEMO_PASSWORD: password,
      AUTH_SECRET: "bench-auth-secret-not-for-production-0123456789",
      GRADER_TOKEN: "bench-grader-token-not-for-production-0123456789",
      GRADING_RATE_LIMIT: "1000",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    await waitFor(`${base}/`, 180_000);
    await waitFor(`http://127.0.0.1:${graderPort}/healthz`, 60_000);
    const cookie = await signIn(base, "learner@shipshape.local", password);
    // The starter is what a learner sends first; it fails fast (the container exits), keeping the bench short.
    const submission = await starterFiles();
    // One warm-up: the first grading of a process pays for module loading and the image build cache.
    await sample(base, cookie, submission);
    const measured: number[] = [];
    const graderMeasured: number[] = [];
    for (let i = 0; i < samples; i++) {
      const { ms, graderMs } = await sample(base, cookie, submission);
      measured.push(ms);
      graderMeasured.push(graderMs);
    }
    const sorted = [...measured].sort((a, b) => a - b);
    const medianMs = quantile(sorted, 0.5);
    return {
      name: "submit → first SSE event",
      unit: "ms",
      samples: measured.map((m) => Math.round(m)),
      medianMs: Math.round(medianMs),
      p95Ms: Math.round(quantile(sorted, 0.95)),
      graderSamples: graderMeasured.map((m) => Math.round(m)),
      graderMedianMs: Math.round(quantile([...graderMeasured].sort((a, b) => a - b), 0.5)),
      targetMs,
      ok: medianMs <= targetMs,
    };
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 3_000));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function starterFiles(): Promise<Record<string, string>> {
  const { readExerciseFolder } = await import("../grader/contract/exercise-folder");
  const folder = await readExerciseFolder(path.resolve("content/containers/dockerize-a-service/exercises/first-service"));
  return folder.starter;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
      process.exit(result.ok ? 0 : 1);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
