import "server-only";
// The web's side of the grader's HTTP API (DESIGN §3): POST /v1/gradings answered by an NDJSON event stream.
// Every line is validated against grader/contract, so a grader speaking another version fails loudly here
// instead of storing events the browser cannot read. Failures are sorted by what the dispatcher should do.
// The stream is read through undici's own fetch so its silence limit (bodyTimeout) is ours to set: Node's fetch
// cuts a body that is silent for 300 s, which a long queue used to reach. The grader sends a keep-alive line
// every few seconds whatever it is doing, so a silence of `streamIdleMs` means the grader is lost.
import { Agent, fetch as undiciFetch } from "undici";
import { gradingEventSchema, graderHealthSchema, type GraderHealth, type GradingEvent, type GradingRequest } from "@/grader/contract";
import { ndjsonLines } from "@/grader/contract/ndjson-lines";

export interface GraderEndpoint {
  url: string;
  token: string | undefined;
  /** How long the event stream may stay silent before the grading counts as lost (default 60 s). */
  streamIdleMs?: number;
}

const defaultStreamIdleMs = 60_000;
const agents = new Map<number, Agent>();

/** One connection pool per silence limit, kept for the process's life like fetch's own global pool. */
function agentFor(idleMs: number): Agent {
  let agent = agents.get(idleMs);
  if (!agent) {
    agent = new Agent({ bodyTimeout: idleMs, headersTimeout: idleMs });
    agents.set(idleMs, agent);
  }
  return agent;
}

/** The grader is full (503): come back after `retryAfterMs`. */
export class GraderBusyError extends Error {
  override name = "GraderBusyError";
  constructor(readonly retryAfterMs: number) {
    super(`the grader is busy; retry in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

/** No answer at all (refused, reset, DNS): the grader is down or restarting. */
export class GraderUnreachableError extends Error {
  override name = "GraderUnreachableError";
}

/** The grader accepted the grading but the stream broke or ended without a verdict. */
export class GraderStreamError extends Error {
  override name = "GraderStreamError";
}

/** The grader refused this request (401/413/422...): sending it again will not help. */
export class GraderRejectedError extends Error {
  override name = "GraderRejectedError";
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`the grader refused the grading (${status}): ${reason}`);
  }
}

const defaultRetryAfterMs = 5_000;

function retryAfterMs(header: string | null): number {
  if (!header) return defaultRetryAfterMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? defaultRetryAfterMs : Math.max(0, date - Date.now());
}

async function reasonOf(response: Response): Promise<string> {
  const text = (await response.text().catch(() => "")).slice(0, 2000);
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    const reason = typeof body.error === "string" ? body.error : typeof body.message === "string" ? body.message : null;
    if (reason) return reason;
    if (body.error && typeof body.error === "object" && "message" in body.error && typeof body.error.message === "string") return body.error.message;
  } catch {
    // not JSON: the text itself is the reason
  }
  return text || response.statusText;
}

export interface OpenGrading {
  events: AsyncGenerator<GradingEvent>;
}

/**
 * Starts a grading. Resolves once the grader has accepted it (200), with the events as they arrive; throws
 * GraderBusyError / GraderUnreachableError / GraderRejectedError before that, GraderStreamError while reading.
 */
export async function openGrading(endpoint: GraderEndpoint, request: GradingRequest, signal?: AbortSignal): Promise<OpenGrading> {
  let response: Response;
  try {
    response = (await undiciFetch(new URL("/v1/gradings", endpoint.url), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/x-ndjson", authorization: `Bearer ${endpoint.token ?? ""}` },
      body: JSON.stringify(request),
      signal,
      dispatcher: agentFor(endpoint.streamIdleMs ?? defaultStreamIdleMs),
    })) as unknown as Response;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new GraderUnreachableError(`the grader at ${endpoint.url} did not answer: ${causeOf(error)}`, { cause: error });
  }
  if (response.status === 503) {
    await response.body?.cancel();
    throw new GraderBusyError(retryAfterMs(response.headers.get("retry-after")));
  }
  if (response.status >= 400 && response.status < 500) throw new GraderRejectedError(response.status, await reasonOf(response));
  if (response.status !== 200 || !response.body) {
    throw new GraderUnreachableError(`the grader answered ${response.status}: ${await reasonOf(response)}`);
  }
  return { events: readEvents(response.body, signal) };
}

async function* readEvents(body: ReadableStream<Uint8Array>, signal: AbortSignal | undefined): AsyncGenerator<GradingEvent> {
  try {
    for await (const line of ndjsonLines(body)) {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new GraderStreamError(`the grader sent a line that is not JSON: ${line.slice(0, 200)}`);
      }
      const parsed = gradingEventSchema.safeParse(raw);
      if (!parsed.success) throw new GraderStreamError(`the grader sent an event this web does not understand: ${parsed.error.issues[0]?.message ?? "invalid"} in ${line.slice(0, 200)}`);
      yield parsed.data;
      if (parsed.data.type === "verdict") return;
    }
  } catch (error) {
    if (error instanceof GraderStreamError || signal?.aborted) throw error;
    throw new GraderStreamError(`the connection to the grader broke mid-grading: ${causeOf(error)}`, { cause: error });
  }
  throw new GraderStreamError("the grader closed the stream without a verdict");
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** What /healthz says; null when the grader does not answer or answers something else than a grader would. */
export async function graderHealth(endpoint: GraderEndpoint, timeoutMs = 1500): Promise<GraderHealth | null> {
  try {
    const response = await fetch(new URL("/healthz", endpoint.url), { signal: AbortSignal.timeout(timeoutMs) });
    const parsed = graderHealthSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
