// One HTTP request to the learner's app, bounded in time and in how much of the body is read.
import type { ProbeResponse } from "@/grader/checks/check";

const bodyCap = 64 * 1024;

export type ProbeMethod = "GET" | "HEAD" | "POST" | "PUT" | "DELETE";

/** `json`: a request body, sent as application/json (a Compose project's CRUD calls). */
export async function httpProbe(url: string, method: ProbeMethod, timeoutMs: number, json?: unknown): Promise<ProbeResponse> {
  try {
    const body = json === undefined ? {} : { body: JSON.stringify(json), headers: { "content-type": "application/json" } };
    const res = await fetch(url, { method, redirect: "manual", signal: AbortSignal.timeout(timeoutMs), ...body });
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      const reader = res.body.getReader();
      while (size < bodyCap) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        size += value.length;
      }
      await reader.cancel().catch(() => undefined);
    }
    const text = Buffer.concat(chunks).toString("utf8").slice(0, bodyCap);
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { ok: true, status: res.status, contentType: res.headers.get("content-type") ?? "", body: text, json: parsed };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
    return { ok: false, error: err instanceof Error ? `${err.message}${cause}` : String(err) };
  }
}
