// The grader's HTTP API (DESIGN §3) on Node's http module:
//   POST /v1/gradings   Bearer token; a JSON body (gradingRequestSchema) or a tar (see upload/tar-upload.ts);
//                       200 + NDJSON events ending with the verdict, blank keep-alive lines between them when
//                       quiet; 401, 413, 422, 503 + Retry-After.
//   GET  /healthz       200 with the grading environment (engine, base images, limits) when the engine answers,
//                       503 otherwise (no token: it is what probes call).
//   GET  /metrics       Prometheus text (no token: scraped from inside the cluster).
import http from "node:http";
import { timingSafeEqual } from "node:crypto";
import { gradingRequestSchema, notGradableVerdict, type GradingEvent } from "@/grader/contract";
import type { GraderConfig } from "@/grader/config";
import { readTarUpload } from "@/grader/upload/tar-upload";
import { UploadRejected } from "@/grader/upload/file-map-policy";
import type { Grader } from "@/grader/grading/grader";
import { QueueFull } from "@/grader/grading/queue";

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function sendError(res: http.ServerResponse, err: HttpError): void {
  res.writeHead(err.status, { "content-type": "application/json", ...err.headers });
  res.end(JSON.stringify({ error: { code: err.code, message: err.message } }));
}

function authorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? "");
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > maxBytes) throw new HttpError(413, "upload_too_large", `the request body is ${declared} bytes; at most ${maxBytes} are accepted`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, "upload_too_large", `the request body is over ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function parseRequest(req: http.IncomingMessage, config: GraderConfig) {
  // JSON escapes and the baseline can double the bytes of the files themselves; the file policy is exact later.
  const body = await readBody(req, config.limits.uploadMaxBytes * 3 + 1024 * 1024);
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim();
  let raw: unknown;
  if (type === "application/json") {
    try {
      raw = JSON.parse(body.toString("utf8"));
    } catch {
      throw new HttpError(422, "invalid_request", "the body is not valid JSON");
    }
  } else if (type === "application/x-tar") {
    const upload = await readTarUpload(body, config.limits);
    raw = { ...(upload.request as object), files: upload.files, ...(upload.baselineFiles ? { baselineFiles: upload.baselineFiles } : {}) };
  } else {
    throw new HttpError(415, "unsupported_media_type", "send application/json or application/x-tar");
  }
  const parsed = gradingRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    throw new HttpError(422, "invalid_request", issues.join("; "));
  }
  return parsed.data;
}

async function postGrading(req: http.IncomingMessage, res: http.ServerResponse, grader: Grader, config: GraderConfig): Promise<void> {
  if (!config.token || !authorized(req.headers.authorization, config.token)) throw new HttpError(401, "unauthorized", "send Authorization: Bearer <GRADER_TOKEN>", { "www-authenticate": "Bearer" });
  let input;
  let submissionId: string | undefined;
  try {
    const request = await parseRequest(req, config);
    submissionId = request.submissionId;
    input = grader.prepare(request);
  } catch (err) {
    if (err instanceof UploadRejected) {
      grader.metrics.rejected.inc({ reason: err.kind });
      throw new HttpError(err.kind === "tooLarge" ? 413 : 422, err.kind === "tooLarge" ? "upload_too_large" : "invalid_upload", err.message);
    }
    throw err;
  }
  const gone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) gone.abort(new Error("the client closed the connection"));
  });
  let ticket;
  try {
    ticket = grader.admit(gone.signal);
  } catch (err) {
    if (err instanceof QueueFull) throw new HttpError(503, "busy", err.message, { "retry-after": String(err.retryAfterSeconds) });
    throw err;
  }
  res.writeHead(200, { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" });
  let lastWrite = Date.now();
  const write = (line: string) => {
    if (res.destroyed) return;
    res.write(`${line}\n`);
    lastWrite = Date.now();
  };
  const emit = (event: GradingEvent) => write(JSON.stringify(event));
  // An empty line is the stream's keep-alive (NDJSON readers skip blank lines): a grading waiting in a long queue
  // or on a quiet build step is never silent long enough for a client's or proxy's idle timeout to cut it.
  const keepAlive = setInterval(() => {
    if (Date.now() - lastWrite >= config.limits.keepAliveMs) write("");
  }, Math.max(50, config.limits.keepAliveMs / 2));
  try {
    await grader.run(ticket, input, { signal: gone.signal, emit, ...(submissionId ? { submissionId } : {}) });
  } catch (err) {
    // Cancelled while queued (client gone or shutdown): the stream still ends with a verdict.
    emit({ type: "verdict", verdict: notGradableVerdict(input.spec.slug, err instanceof Error ? err.message : String(err)) });
  } finally {
    clearInterval(keepAlive);
  }
  res.end();
}

export function createGraderServer(grader: Grader, config: GraderConfig): http.Server {
  return http.createServer((req, res) => {
    const route = `${req.method} ${new URL(req.url ?? "/", "http://grader").pathname}`;
    const handle = async () => {
      if (route === "POST /v1/gradings") return postGrading(req, res, grader, config);
      if (route === "GET /healthz") {
        const health = await grader.health();
        res.writeHead(health.ok ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify(health));
        return;
      }
      if (route === "GET /metrics") {
        res.writeHead(200, { "content-type": grader.metrics.registry.contentType });
        res.end(await grader.metrics.registry.metrics());
        return;
      }
      throw new HttpError(404, "not_found", `no route ${route}`);
    };
    handle().catch((err: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (err instanceof HttpError) return sendError(res, err);
      grader.log.error({ err, route }, "unhandled error");
      sendError(res, new HttpError(500, "internal", "internal error"));
    });
  });
}
