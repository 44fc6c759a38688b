// One HTTP request to the learner's app, bounded in time and in how much of the body is read.
import type { ProbeResponse } from "@/grader/checks/check";

const bodyCap = 64 * 1024;

export async function httpProbe(url: string, method: "GET" | "HEAD", timeoutMs: number): Promise<ProbeResponse> {
  try {
    const res = await fetch(url, { method, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
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
    const body = Buffer.concat(chunks).toString("utf8").slice(0, bodyCap);
    let json: unknown = undefined;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    return { ok: true, status: res.status, contentType: res.headers.get("content-type") ?? "", body, json };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
    return { ok: false, error: err instanceof Error ? `${err.message}${cause}` : String(err) };
  }
}
